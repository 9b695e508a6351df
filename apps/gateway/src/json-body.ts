import { isUtf8 } from 'node:buffer';
import type { IncomingMessage } from 'node:http';
import type { RequestHandler } from 'express';

// The webhook's body parser. Telegram's requests are all alike: UTF-8 JSON, no content encoding,
// with a Content-Length under the limit. Those are read here in a few lines; anything else
// (a charset, gzip, chunked, too long) goes to express.json as before, which also answers the
// errors. body-parser's per-request work (content-type parsing, iconv, raw-body's stream
// plumbing) was about 7 % of the gateway's CPU under the bench.

/** An error for the app's error handler, which answers by `status` (see server.ts onError). */
export function statusError(status: number, message: string): Error & { status: number } {
  return Object.assign(new Error(message), { status });
}

/** Whether the request is the plain case this parser takes: UTF-8, not encoded, length known. */
export function isPlain(req: IncomingMessage, limitBytes: number): boolean {
  const encoding = req.headers['content-encoding'];
  if (encoding !== undefined && encoding.toLowerCase() !== 'identity') return false;
  const length = Number(req.headers['content-length']);
  if (!(Number.isInteger(length) && length > 0 && length <= limitBytes)) return false;
  const type = req.headers['content-type'];
  if (type === undefined) return true;
  const charset = /;\s*charset\s*=\s*"?([^";\s]+)/i.exec(type)?.[1]?.toLowerCase();
  return charset === undefined || charset === 'utf-8' || charset === 'utf8';
}

/** JSON's own whitespace; a strict body starts with an object or an array, as express.json's. */
const STRICT_START = /^[ \t\n\r]*[[{]/;

/** What readPlainJson hands back: an error for onError (by its status), or the body and its bytes. */
export type PlainJsonDone = (
  error: (Error & { status: number }) | undefined,
  body?: unknown,
  raw?: Buffer,
) => void;

/**
 * Reads the plain case (isPlain) with express.json's answers: 400 for JSON that does not parse or is
 * not an object or array, 413 past the limit. A byte order mark is skipped, bad UTF-8 becomes U+FFFD.
 * `raw` is the JSON text's bytes (without a byte order mark) when they are valid UTF-8, so that
 * JSON.parse of them gives `body` again: the intake can publish them instead of serialising anew.
 */
export function readPlainJson(req: IncomingMessage, limitBytes: number, done: PlainJsonDone): void {
  const chunks: Buffer[] = [];
  let received = 0;
  let finished = false;
  const finish: PlainJsonDone = (error, body, raw) => {
    if (finished) return;
    finished = true;
    done(error, body, raw);
  };
  req.on('data', (chunk: Buffer) => {
    received += chunk.length;
    if (received > limitBytes) {
      req.pause();
      finish(statusError(413, 'request entity too large'));
    } else chunks.push(chunk);
  });
  req.on('error', (error) => finish(statusError(400, error.message)));
  req.on('aborted', () => finish(statusError(400, 'request aborted')));
  req.on('end', () => {
    if (finished) return;
    let bytes = chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks);
    if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) bytes = bytes.subarray(3);
    const text = bytes.toString('utf8');
    if (!STRICT_START.test(text)) {
      finish(statusError(400, 'body is not a JSON object or array'));
      return;
    }
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch (error) {
      finish(statusError(400, (error as Error).message));
      return;
    }
    finish(undefined, body, isUtf8(bytes) ? bytes : undefined);
  });
}

/**
 * `fallback` (express.json with the same options) for anything but the plain case; the plain case
 * read into `req.body` by readPlainJson.
 */
export function webhookJson(limitBytes: number, fallback: RequestHandler): RequestHandler {
  return (req, res, next) => {
    if (!isPlain(req, limitBytes)) {
      fallback(req, res, next);
      return;
    }
    readPlainJson(req, limitBytes, (error, body) => {
      if (error) next(error);
      else {
        req.body = body;
        next();
      }
    });
  };
}
