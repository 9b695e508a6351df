import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { BotApiCore } from '../bot-api-core';
import { BotApiError, notFound } from '../bot-api-error';
import { StoppedError } from '../stopped-error';
import { answerControl } from './control-routes';
import { readParameters } from './request-body';
import { answerTransportFailure } from './transport-failures';

/*
 * Routes
 *   POST|GET /bot<token>/<method>   the Bot API, as telegraf calls it (also /bot<token>/test/<method>);
 *                                   parameters as JSON, a url-encoded form or multipart/form-data
 *   GET  /file/bot<token>/<file_path>   an uploaded file's bytes, at the path getFile answered
 *
 * Control API, for a fake running in another process (benchmarks, the sandbox). Answers
 * { ok: true, result } or { ok: false, error_code, description }.
 *   GET    /_fake/calls?method=x&since=n         calls with seq > n (of method x): { calls, last }
 *   POST   /_fake/fail      { method, failure, times? }   failure as in failNext(); method '*' = any
 *   POST   /_fake/outage    { method?, failure, forMs? }  as failFor(); method defaults to '*'
 *   DELETE /_fake/outage?method=x                lift x's outage, or all without ?method (recover())
 *   POST   /_fake/latency   { ms }                        delay before every answer
 *   POST   /_fake/updates   <update>              queue an update (update_id optional)
 *   POST   /_fake/reset                           forget everything
 *   GET    /_fake/chats/:id/messages              the chat's current messages, edits applied
 *   GET    /_fake/files/:file_id                  an uploaded file: { file_name, mime_type, base64 }
 *   POST   /_fake/chats/:id/block                 the chat blocks the bot (sends answer 403)
 *   DELETE /_fake/chats/:id/block                 …and unblocks it
 *   PUT    /_fake/chats/:id/members/:userId { status }   what getChatMember answers
 *
 * A failure (see failures.ts) is Telegram's JSON error { code: 400|403|404|429|500|502,
 * description?, retryAfter? (429) }, the proxy's HTML page { code: 500|502, html: true }, a reset
 * connection { reset: true }, no answer until the client gives up { hang: true }, or a late
 * answer { hangMs }.
 */

const BOT_API_PATH = /^\/bot([^/]+)\/(?:test\/)?([^/]+)\/?$/;
const FILE_PATH = /^\/file\/bot[^/]+\/(.+)$/;

function sendJson(response: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(text),
  });
  response.end(text);
}

/** Answers a request that is not a Bot API call; resolves false to leave it to the 404. */
export type OtherRoute = (request: IncomingMessage, response: ServerResponse, url: URL) => Promise<boolean>;

export interface HttpServerOptions {
  /** Serve the /_fake/ control API (default true); a server people use (the sandbox) leaves it out. */
  controlRoutes?: boolean;
  /** Routes served beside the Bot API, tried before the 404. */
  otherRoutes?: OtherRoute;
}

/** Serves a BotApiCore over HTTP. */
export class HttpServer {
  private server?: Server;

  constructor(
    private readonly api: BotApiCore,
    private readonly options: HttpServerOptions = {},
  ) {}

  /** Listens and resolves the apiRoot, e.g. http://127.0.0.1:43123. */
  listen(port: number, host: string): Promise<string> {
    if (this.server) throw new Error('the fake Bot API is already listening');
    const server = createServer((request, response) => {
      this.route(request, response).catch((error: unknown) => this.fail(response, error));
    });
    this.server = server;
    return new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => {
        server.off('error', reject);
        const { address, port: bound } = server.address() as AddressInfo;
        resolve(`http://${address.includes(':') ? `[${address}]` : address}:${bound}`);
      });
    });
  }

  /**
   * Stops listening and drops every open connection: idle keep-alive ones, and requests held
   * without an answer (a hang failure), which would otherwise keep the server open.
   */
  async close(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = undefined;
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeAllConnections();
    await closed;
  }

  private async route(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://fake');
    if (this.options.controlRoutes !== false && url.pathname.startsWith('/_fake/')) {
      const { status, body } = await answerControl(request, url, this.api);
      sendJson(response, status, body);
      return;
    }
    const download = url.pathname.match(FILE_PATH);
    if (download?.[1] && request.method === 'GET') {
      this.download(response, decodeURIComponent(download[1]));
      return;
    }
    const match = url.pathname.match(BOT_API_PATH);
    if (!match?.[1] || !match[2]) {
      if (this.options.otherRoutes && (await this.options.otherRoutes(request, response, url))) return;
      request.resume();
      sendJson(response, 404, notFound().toResponse());
      return;
    }
    const payload = await readParameters(request, url.searchParams);
    const call = await this.api.call(decodeURIComponent(match[1]), match[2], payload);
    if (answerTransportFailure(request, response, call.injected)) return;
    sendJson(response, call.response.ok ? 200 : call.response.error_code, call.response);
  }

  /** A file's bytes, as Telegram serves them; files that came in updates have none in the fake. */
  private download(response: ServerResponse, filePath: string): void {
    const content = this.api.fileContentAt(filePath);
    if (!content) {
      sendJson(response, 404, notFound().toResponse());
      return;
    }
    response.writeHead(200, {
      'content-type': content.mime_type ?? 'application/octet-stream',
      'content-length': content.bytes.length,
    });
    response.end(content.bytes);
  }

  private fail(response: ServerResponse, error: unknown): void {
    if (error instanceof StoppedError || response.headersSent) {
      response.destroy();
      return;
    }
    if (error instanceof BotApiError) {
      // The rest of a body too large is never read, so the connection cannot carry another request.
      if (error.code === 413) response.setHeader('connection', 'close');
      sendJson(response, error.code, error.toResponse());
      return;
    }
    const reason = error instanceof Error ? error.message : String(error);
    sendJson(response, 500, { ok: false, error_code: 500, description: `Internal Server Error: ${reason}` });
  }
}
