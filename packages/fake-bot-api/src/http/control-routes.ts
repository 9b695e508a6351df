import type { IncomingMessage } from 'node:http';
import type { BotApiCore } from '../bot-api-core';
import { EVERY_METHOD } from '../failure-plan';
import { type Failure, parseFailure } from '../failures';
import type { ChatMemberStatus, NewUpdate } from '../types';
import { parseJsonObject, readBody } from './request-body';

const MEMBER_STATUSES = new Set(['creator', 'administrator', 'member', 'restricted', 'left', 'kicked']);

export interface ControlAnswer {
  status: number;
  body: unknown;
}

/** A control request that cannot be carried out; answered with its status and message. */
class ControlError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

const ok = (result: unknown): ControlAnswer => ({ status: 200, body: { ok: true, result } });

function integer(text: string | null | undefined, name: string): number {
  const value = Number(text);
  if (text === null || text === undefined || text === '' || !Number.isInteger(value)) {
    throw new ControlError(400, `${name} must be an integer`);
  }
  return value;
}

function methodName(value: unknown): string {
  if (typeof value !== 'string' || value === '') {
    throw new ControlError(400, `method must be a method name or '${EVERY_METHOD}'`);
  }
  return value;
}

function failureFrom(value: unknown): Failure {
  try {
    return parseFailure(value);
  } catch (error) {
    throw new ControlError(400, (error as Error).message);
  }
}

async function jsonBody(request: IncomingMessage): Promise<Record<string, unknown>> {
  try {
    return parseJsonObject(await readBody(request));
  } catch {
    throw new ControlError(400, 'the body must be a JSON object');
  }
}

type Route = (
  request: IncomingMessage,
  url: URL,
  api: BotApiCore,
  match: RegExpMatchArray,
) => Promise<ControlAnswer>;

const ROUTES: Array<{ method: string; path: RegExp; route: Route }> = [
  {
    method: 'GET',
    path: /^\/_fake\/calls$/,
    route: async (_request, url, api) => {
      const since = url.searchParams.has('since') ? integer(url.searchParams.get('since'), 'since') : 0;
      const calls = api.callsSince(since, url.searchParams.get('method') ?? undefined);
      return ok({ calls, last: calls.at(-1)?.seq ?? since });
    },
  },
  {
    method: 'POST',
    path: /^\/_fake\/fail$/,
    route: async (request, _url, api) => {
      const { method, failure, times } = await jsonBody(request);
      const name = methodName(method);
      const count = times === undefined ? 1 : integer(String(times), 'times');
      api.failNext(name, failureFrom(failure), count);
      return ok(true);
    },
  },
  {
    method: 'POST',
    path: /^\/_fake\/outage$/,
    route: async (request, _url, api) => {
      const { method = EVERY_METHOD, failure, forMs } = await jsonBody(request);
      const name = methodName(method);
      const parsed = failureFrom(failure);
      if (forMs === undefined) {
        api.failFor(name, parsed);
        return ok(true);
      }
      if (typeof forMs !== 'number' || !Number.isInteger(forMs) || forMs <= 0) {
        throw new ControlError(400, 'forMs must be a whole number of milliseconds > 0');
      }
      api.failFor(name, parsed, { forMs });
      return ok(true);
    },
  },
  {
    method: 'DELETE',
    path: /^\/_fake\/outage$/,
    route: async (_request, url, api) => {
      const method = url.searchParams.get('method');
      api.recover(method === null ? undefined : methodName(method));
      return ok(true);
    },
  },
  {
    method: 'POST',
    path: /^\/_fake\/latency$/,
    route: async (request, _url, api) => {
      const { ms } = await jsonBody(request);
      api.setLatency(Math.max(0, integer(String(ms), 'ms')));
      return ok(true);
    },
  },
  {
    method: 'POST',
    path: /^\/_fake\/updates$/,
    route: async (request, _url, api) => ok(api.pushUpdate((await jsonBody(request)) as NewUpdate)),
  },
  {
    method: 'POST',
    path: /^\/_fake\/reset$/,
    route: async (_request, _url, api) => {
      api.reset();
      return ok(true);
    },
  },
  {
    method: 'GET',
    path: /^\/_fake\/chats\/(-?\d+)\/messages$/,
    route: async (_request, _url, api, match) => ok(api.messagesOf(integer(match[1], 'chat id'))),
  },
  {
    method: 'GET',
    path: /^\/_fake\/files\/([^/]+)$/,
    route: async (_request, _url, api, match) => {
      const content = api.fileContent(decodeURIComponent(match[1] ?? ''));
      if (!content) throw new ControlError(404, 'no uploaded file has that file_id');
      const { bytes, ...described } = content;
      return ok({ ...described, base64: bytes.toString('base64') });
    },
  },
  {
    method: 'POST',
    path: /^\/_fake\/chats\/(-?\d+)\/block$/,
    route: async (_request, _url, api, match) => {
      api.blockChat(integer(match[1], 'chat id'));
      return ok(true);
    },
  },
  {
    method: 'DELETE',
    path: /^\/_fake\/chats\/(-?\d+)\/block$/,
    route: async (_request, _url, api, match) => {
      api.unblockChat(integer(match[1], 'chat id'));
      return ok(true);
    },
  },
  {
    method: 'PUT',
    path: /^\/_fake\/chats\/(-?\d+)\/members\/(\d+)$/,
    route: async (request, _url, api, match) => {
      const { status } = await jsonBody(request);
      if (typeof status !== 'string' || !MEMBER_STATUSES.has(status)) {
        throw new ControlError(400, `status must be one of ${[...MEMBER_STATUSES].join(', ')}`);
      }
      api.setChatMemberStatus(
        integer(match[1], 'chat id'),
        integer(match[2], 'user id'),
        status as ChatMemberStatus,
      );
      return ok(true);
    },
  },
];

/** Answers a request under /_fake/ (see the route list in http-server.ts). */
export async function answerControl(
  request: IncomingMessage,
  url: URL,
  api: BotApiCore,
): Promise<ControlAnswer> {
  const matching = ROUTES.map((entry) => ({ entry, match: url.pathname.match(entry.path) })).filter(
    ({ match }) => match !== null,
  );
  const found = matching.find(({ entry }) => entry.method === request.method);
  try {
    if (!found?.match) {
      throw new ControlError(
        matching.length > 0 ? 405 : 404,
        `no control route ${request.method} ${url.pathname}`,
      );
    }
    return await found.entry.route(request, url, api, found.match);
  } catch (error) {
    if (!(error instanceof ControlError)) throw error;
    request.resume();
    return {
      status: error.status,
      body: { ok: false, error_code: error.status, description: error.message },
    };
  }
}
