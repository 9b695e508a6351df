import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { TelegramError } from 'telegraf';
import { BotApiRequestError, botApiEndpoint, includesMedia, postJson } from './bot-api-request';

// A stand-in Bot API: answers each method as the test says, and keeps what it was sent.
let server: http.Server;
let root = '';
const seen: Array<{ url: string; body: unknown }> = [];
const agent = new http.Agent({ keepAlive: true });
const noStop = () => undefined;

beforeAll(async () => {
  server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      seen.push({ url: req.url ?? '', body });
      if (req.url?.endsWith('/sendMessage')) res.end(JSON.stringify({ ok: true, result: { message_id: 7 } }));
      else if (req.url?.endsWith('/deleteMessage'))
        res.end(
          JSON.stringify({
            ok: false,
            error_code: 400,
            description: 'Bad Request: message to delete not found',
          }),
        );
      else if (req.url?.endsWith('/getMe')) {
        res.statusCode = 502;
        res.end('<html>bad gateway</html>');
      } else if (req.url?.endsWith('/getChat')) res.end('not json');
      // Never answered: the caller stops it.
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  root = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  agent.destroy();
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

describe('a Bot API call with a JSON body', () => {
  it('posts the payload without its null fields and resolves with the result', async () => {
    const endpoint = botApiEndpoint(root, '123:secret', agent);
    const result = await postJson(
      endpoint,
      'sendMessage',
      { chat_id: 1, text: 'hi', reply_markup: null },
      noStop,
    );
    expect(result).toEqual({ message_id: 7 });
    expect(seen.at(-1)).toEqual({ url: '/bot123:secret/sendMessage', body: { chat_id: 1, text: 'hi' } });
  });

  it("turns Telegram's refusal and a 5xx into telegraf's TelegramError", async () => {
    const endpoint = botApiEndpoint(`${root}/`, '123:secret', agent);
    const refused = postJson(endpoint, 'deleteMessage', { chat_id: 1, message_id: 2 }, noStop);
    await expect(refused).rejects.toBeInstanceOf(TelegramError);
    await expect(refused).rejects.toMatchObject({ code: 400, on: { method: 'deleteMessage' } });
    await expect(postJson(endpoint, 'getMe', {}, noStop)).rejects.toMatchObject({ code: 502 });
  });

  it('fails below the Bot API with the socket code, and never shows the token', async () => {
    const closed = botApiEndpoint('http://127.0.0.1:1', '123:secret', agent);
    const error = await postJson(closed, 'sendMessage', {}, noStop).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(BotApiRequestError);
    expect(error).toMatchObject({ code: 'ECONNREFUSED' });
    expect((error as Error).message).toContain('bot[redacted]/sendMessage');
    expect((error as Error).message).not.toContain('secret');
    const notJson = postJson(botApiEndpoint(root, '1:x', agent), 'getChat', {}, noStop);
    await expect(notJson).rejects.toThrow(/invalid JSON/);
  });

  it('ends the request with the error the caller stops it with', async () => {
    const endpoint = botApiEndpoint(root, '1:x', agent);
    const stopped = new Error('past its time');
    const call = postJson(endpoint, 'getUpdates', {}, (stop) => setTimeout(() => stop(stopped), 20));
    await expect(call).rejects.toBe(stopped);
  });

  it('leaves uploads (files and media groups) to telegraf, as telegraf tells them apart', () => {
    expect(includesMedia({ chat_id: 1, text: 'hi', reply_markup: { inline_keyboard: [] } })).toBe(false);
    expect(includesMedia({ link_preview_options: { url: 'https://x' } })).toBe(false);
    expect(includesMedia({ document: { source: Buffer.from('x'), filename: 'a.txt' } })).toBe(true);
    expect(includesMedia({ media: [{ type: 'photo', media: { url: 'https://x/p.jpg' } }] })).toBe(true);
    expect(includesMedia({ media: [{ type: 'photo', media: 'file-id' }] })).toBe(false);
  });
});
