import type { IncomingMessage } from 'node:http';
import { BotApiError, badRequest } from '../bot-api-error';
import type { Payload } from '../params';

const MAX_BODY_BYTES = 10 * 1024 * 1024;

export async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new BotApiError(413, 'Request Entity Too Large');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export function parseJsonObject(text: string): Payload {
  if (text.trim() === '') return {};
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw badRequest('request body is not valid JSON');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw badRequest('request body must be a JSON object');
  }
  return value as Payload;
}

/**
 * The parameters of a Bot API request, taken from the query string and the body (JSON or a
 * url-encoded form), as Telegram accepts them. Multipart bodies carry file uploads, which the fake
 * does not model.
 */
export async function readParameters(request: IncomingMessage, query: URLSearchParams): Promise<Payload> {
  const payload: Payload = Object.fromEntries(query);
  const contentType = (request.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  if (contentType === 'multipart/form-data') {
    request.resume();
    throw badRequest('files are not supported by the fake');
  }
  const body = await readBody(request);
  if (contentType === 'application/x-www-form-urlencoded') {
    return { ...payload, ...Object.fromEntries(new URLSearchParams(body)) };
  }
  if (contentType === 'application/json' || body.trim() !== '') {
    return { ...payload, ...parseJsonObject(body) };
  }
  return payload;
}
