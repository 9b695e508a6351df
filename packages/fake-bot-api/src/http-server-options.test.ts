import { BotApiCore } from './bot-api-core';
import { HttpServer } from './http/http-server';
import { rawBotApiCall } from './raw-bot-api-call';

describe('an HTTP server for people rather than tests', () => {
  const api = new BotApiCore();
  const server = new HttpServer(api, {
    controlRoutes: false,
    otherRoutes: async (request, response, url) => {
      if (url.pathname !== '/hello') return false;
      request.resume();
      response.writeHead(200, { 'content-type': 'text/plain' }).end('hello');
      return true;
    },
  });
  let root: string;

  beforeAll(async () => {
    root = await server.listen(0, '127.0.0.1');
  });
  afterAll(() => server.close());

  it('answers the Bot API as always', async () => {
    const { status, body } = await rawBotApiCall(root, 'getMe');
    expect(status).toBe(200);
    expect(body).toMatchObject({ ok: true, result: { is_bot: true } });
  });

  it('serves its own routes beside the Bot API, and the Bot API 404 for paths no one knows', async () => {
    const hello = await fetch(`${root}/hello`);
    expect(await hello.text()).toBe('hello');
    const unknown = await fetch(`${root}/nowhere`);
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toEqual({ ok: false, error_code: 404, description: 'Not Found' });
  });

  it('leaves the test controls out', async () => {
    const reset = await fetch(`${root}/_fake/reset`, { method: 'POST' });
    expect(reset.status).toBe(404);
    const calls = await fetch(`${root}/_fake/calls`);
    expect(calls.status).toBe(404);
  });
});
