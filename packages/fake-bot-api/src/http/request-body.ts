import type { IncomingMessage } from 'node:http';
import { BotApiError, badRequest } from '../bot-api-error';
import { UploadedFile } from '../files/uploaded-file';
import type { Payload } from '../params';

const MAX_BODY_BYTES = 10 * 1024 * 1024;
// Telegram takes uploads of up to 50 MB from a bot; the form around the file adds a little.
const MAX_MULTIPART_BYTES = 50 * 1024 * 1024 + 64 * 1024;

/** The body, read as it arrives; past `limit` bytes reading stops with 413, as Telegram answers. */
async function readBytes(request: IncomingMessage, limit: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > limit) throw new BotApiError(413, 'Request Entity Too Large');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

export async function readBody(request: IncomingMessage): Promise<string> {
  return (await readBytes(request, MAX_BODY_BYTES)).toString('utf8');
}

/**
 * A multipart/form-data body as parameters: plain parts as strings, file parts (those with a
 * filename) as UploadedFile. Parsed by the platform's own form-data reader (the one fetch uses).
 */
async function readMultipart(request: IncomingMessage, contentType: string): Promise<Payload> {
  const body = await readBytes(request, MAX_MULTIPART_BYTES);
  let form: FormData;
  try {
    form = await new Response(body, { headers: { 'content-type': contentType } }).formData();
  } catch {
    throw badRequest('wrong multipart/form-data request: the body does not match its boundary');
  }
  const payload: Payload = {};
  for (const [name, value] of form) {
    payload[name] =
      typeof value === 'string'
        ? value
        : new UploadedFile(value.name, value.type, Buffer.from(await value.arrayBuffer()));
  }
  return payload;
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
 * The parameters of a Bot API request, taken from the query string and the body (JSON, a
 * url-encoded form, or multipart/form-data with file uploads), as Telegram accepts them.
 */
export async function readParameters(request: IncomingMessage, query: URLSearchParams): Promise<Payload> {
  const payload: Payload = Object.fromEntries(query);
  const contentType = (request.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  if (contentType === 'multipart/form-data') {
    return { ...payload, ...(await readMultipart(request, request.headers['content-type'] ?? '')) };
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
