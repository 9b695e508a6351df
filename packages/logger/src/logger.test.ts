import { PassThrough } from 'node:stream';
import { createLogger } from './logger';

function capture(secrets: string[]) {
  const stream = new PassThrough();
  const lines: string[] = [];
  stream.on('data', (chunk: Buffer) => lines.push(...chunk.toString().trim().split('\n')));
  const logger = createLogger({ service: 'test', level: 'debug', secrets, stream });
  return { logger, lines: () => lines.map((line) => JSON.parse(line)) };
}

describe('the logger', () => {
  it('writes JSON lines with the service, a fixed message and fields', async () => {
    const { logger, lines } = capture([]);
    logger.child({ update_id: 5 }).info('update handled', { chat_id: 7 });
    await new Promise((resolve) => setImmediate(resolve));
    expect(lines()[0]).toMatchObject({
      service: 'test',
      message: 'update handled',
      update_id: 5,
      chat_id: 7,
      level: 'info',
    });
  });

  it('never writes a secret, wherever it hides', async () => {
    const secret = '123456:SECRET-TOKEN-VALUE';
    const { logger, lines } = capture([secret]);
    logger.error('call failed', {
      url: `https://api.telegram.org/bot${secret}/sendMessage`,
      nested: { deeper: [`x${secret}y`] },
      error: new Error(`request to bot${secret} failed`),
    });
    await new Promise((resolve) => setImmediate(resolve));
    const text = JSON.stringify(lines());
    expect(text).not.toContain(secret);
    expect(text).toContain('[redacted]');
  });
});
