import fs from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import { z } from 'zod';
import type { SandboxBotApi } from './sandbox-bot-api';
import { MAX_CAPTION_LENGTH, MAX_TEXT_LENGTH, type SandboxEvent, SandboxInputError } from './sandbox-io';

/*
 * The chat page and what it calls (everything else on the port is the Bot API):
 *   GET  /                 the page;  GET /app.css and its script's modules (/app.js imports the rest)
 *   GET  /healthz          200 while the sandbox runs
 *   GET  /api/state        users, chats, their messages and the bot's command menus
 *   GET  /api/events       Server-Sent Events: "snapshot" first, then message, deleted, answer, typing,
 *                          users, commands (see SandboxEvent)
 *   POST /api/messages     { userId, chatId, text, replyToMessageId? }   a user sends a message
 *   POST /api/files        { userId, chatId, fileName, mimeType, base64, caption?, replyToMessageId? }
 *                          a user sends a file (up to 10 MB): a photo, voice, video or document
 *   POST /api/presses      { userId, chatId, messageId, data }          a user presses an inline button
 *   POST /api/forwards     { userId, fromChatId, messageId, toChatId }  a user forwards a message
 *   PUT  /api/users/:id    { language_code: "en" | "ru" }               a user's Telegram language
 * Errors answer { error: "what is wrong" } with 400, 404, 405, 413 or 415.
 */

const PAGE_DIR = path.join(__dirname, 'page');
// The page's script is ES modules the browser loads itself (no bundler). Each is served from this
// fixed list, read once at start, so no request path ever reaches the file system; the browser only
// runs a module answered as JavaScript, hence the type on each.
const PAGE_MODULES = [
  'app.js',
  'state.js',
  'texts.js',
  'api.js',
  'actions.js',
  'notices.js',
  'events.js',
  'controls.js',
  'render-page.js',
  'render-chat.js',
  'message-text.js',
  'forward-menu.js',
];
const STATIC_FILES: Record<string, { file: string; type: string }> = {
  '/': { file: 'index.html', type: 'text/html; charset=utf-8' },
  '/app.css': { file: 'app.css', type: 'text/css; charset=utf-8' },
  ...Object.fromEntries(
    PAGE_MODULES.map((file) => [`/${file}`, { file, type: 'text/javascript; charset=utf-8' }]),
  ),
};
// script-src 'self' lets the page's own modules load (and import each other) and nothing else runs.
const SECURITY_HEADERS = {
  'content-security-policy':
    "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; " +
    "base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
};
const MAX_BODY_BYTES = 64 * 1024;
// A file sent from the page comes as base64 in JSON: 10 MB of file, a third more on the wire.
const MAX_FILE_BYTES = 10 * 1024 * 1024;
const MAX_FILE_BODY_BYTES = Math.ceil((MAX_FILE_BYTES * 4) / 3) + 64 * 1024;
const KEEPALIVE_MS = 15_000;

const id = z.number().int();
const messageBody = z.object({
  userId: id,
  chatId: id,
  text: z.string().max(MAX_TEXT_LENGTH, `text must be at most ${MAX_TEXT_LENGTH} characters`),
  replyToMessageId: id.positive().optional(),
});
const fileBody = z.object({
  userId: id,
  chatId: id,
  fileName: z.string().min(1).max(255),
  mimeType: z.string().max(255),
  base64: z.string().max(MAX_FILE_BODY_BYTES),
  caption: z
    .string()
    .max(MAX_CAPTION_LENGTH, `caption must be at most ${MAX_CAPTION_LENGTH} characters`)
    .optional(),
  replyToMessageId: id.positive().optional(),
});
const pressBody = z.object({ userId: id, chatId: id, messageId: id.positive(), data: z.string().min(1) });
const forwardBody = z.object({
  userId: id,
  fromChatId: id,
  messageId: id.positive(),
  toChatId: id,
});
const userBody = z.object({ language_code: z.string() });

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

function send(response: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    'cache-control': 'no-store',
  });
  response.end(text);
}

async function jsonBody<T>(
  request: IncomingMessage,
  schema: z.ZodType<T>,
  limit = MAX_BODY_BYTES,
): Promise<T> {
  const type = (request.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
  if (type !== 'application/json') {
    request.resume();
    throw new HttpError(415, 'send the body as application/json');
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > limit) throw new HttpError(413, `the body is larger than ${limit} bytes`);
    chunks.push(chunk as Buffer);
  }
  let value: unknown;
  try {
    value = JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    throw new HttpError(400, 'the body is not valid JSON');
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    const problems = parsed.error.issues.map(
      (issue) => `${issue.path.join('.') || 'body'}: ${issue.message}`,
    );
    throw new HttpError(400, problems.join('; '));
  }
  return parsed.data;
}

function streamEvents(request: IncomingMessage, response: ServerResponse, api: SandboxBotApi): void {
  response.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-store',
    connection: 'keep-alive',
  });
  const write = (event: SandboxEvent | { type: 'snapshot'; [key: string]: unknown }) => {
    response.write(`event: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`);
  };
  write({ type: 'snapshot', ...api.snapshot() });
  const unsubscribe = api.subscribe(write);
  const keepalive = setInterval(() => response.write(': keepalive\n\n'), KEEPALIVE_MS);
  const end = () => {
    clearInterval(keepalive);
    unsubscribe();
  };
  request.once('close', end);
  response.once('close', end);
}

/** Serves the page and its API; resolves false for a path it does not know. */
export function pageRoutes(api: SandboxBotApi) {
  const files = new Map(
    Object.entries(STATIC_FILES).map(([route, { file, type }]) => [
      route,
      { type, body: fs.readFileSync(path.join(PAGE_DIR, file)) },
    ]),
  );

  const answer = async (request: IncomingMessage, response: ServerResponse, url: URL): Promise<boolean> => {
    const { pathname } = url;
    const method = request.method ?? 'GET';
    const asset = files.get(pathname);
    if (asset || pathname === '/healthz' || pathname === '/api/state' || pathname === '/api/events') {
      if (method !== 'GET' && method !== 'HEAD') throw new HttpError(405, `${pathname} answers GET only`);
    }
    if (asset) {
      response.writeHead(200, {
        'content-type': asset.type,
        'content-length': asset.body.length,
        'cache-control': 'no-cache',
        ...SECURITY_HEADERS,
      });
      response.end(method === 'HEAD' ? undefined : asset.body);
      return true;
    }
    switch (pathname) {
      case '/favicon.ico':
        request.resume();
        response.writeHead(204).end();
        return true;
      case '/healthz':
        send(response, 200, { ok: true });
        return true;
      case '/api/state':
        send(response, 200, api.snapshot());
        return true;
      case '/api/events':
        streamEvents(request, response, api);
        return true;
      case '/api/messages': {
        if (method !== 'POST') throw new HttpError(405, '/api/messages answers POST only');
        const { userId, chatId, text, replyToMessageId } = await jsonBody(request, messageBody);
        send(response, 200, { message: api.say(userId, chatId, text, replyToMessageId) });
        return true;
      }
      case '/api/files': {
        if (method !== 'POST') throw new HttpError(405, '/api/files answers POST only');
        const { userId, chatId, base64, replyToMessageId, ...file } = await jsonBody(
          request,
          fileBody,
          MAX_FILE_BODY_BYTES,
        );
        const bytes = Buffer.from(base64, 'base64');
        if (bytes.length > MAX_FILE_BYTES) throw new HttpError(413, 'the file is larger than 10 MB');
        send(response, 200, { message: api.sendFile(userId, chatId, { ...file, bytes }, replyToMessageId) });
        return true;
      }
      case '/api/presses': {
        if (method !== 'POST') throw new HttpError(405, '/api/presses answers POST only');
        const { userId, chatId, messageId, data } = await jsonBody(request, pressBody);
        send(response, 200, { queryId: api.press(userId, chatId, messageId, data) });
        return true;
      }
      case '/api/forwards': {
        if (method !== 'POST') throw new HttpError(405, '/api/forwards answers POST only');
        const { userId, fromChatId, messageId, toChatId } = await jsonBody(request, forwardBody);
        send(response, 200, { message: api.forward(userId, fromChatId, messageId, toChatId) });
        return true;
      }
    }
    const user = /^\/api\/users\/(-?\d+)$/.exec(pathname);
    if (user) {
      if (method !== 'PUT') throw new HttpError(405, `${pathname} answers PUT only`);
      const { language_code } = await jsonBody(request, userBody);
      send(response, 200, { user: api.setLanguage(Number(user[1]), language_code) });
      return true;
    }
    return false;
  };

  return async (request: IncomingMessage, response: ServerResponse, url: URL): Promise<boolean> => {
    try {
      return await answer(request, response, url);
    } catch (error) {
      if (!(error instanceof HttpError || error instanceof SandboxInputError)) throw error;
      request.resume();
      send(response, error.status, { error: error.message });
      return true;
    }
  };
}
