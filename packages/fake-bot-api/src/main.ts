import { FakeBotApi } from './fake-bot-api';

// Runs the fake on its own, for benchmarks and for trying the bot without a real token.
async function main(): Promise<void> {
  const port = Number(process.env.PORT ?? 8081);
  const host = process.env.HOST ?? '127.0.0.1';
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new Error(`PORT must be a port number, got "${process.env.PORT}"`);
  }
  const fake = new FakeBotApi();
  const apiRoot = await fake.start(port, host);
  console.log(`fake Telegram Bot API listening on ${apiRoot} (set TELEGRAM_API_ROOT=${apiRoot})`);

  let stopping = false;
  const stop = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal} received, stopping the fake Bot API`);
    fake.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error('the fake Bot API did not stop cleanly', error);
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', () => stop('SIGTERM'));
  process.once('SIGINT', () => stop('SIGINT'));
}

main().catch((error: unknown) => {
  console.error('the fake Bot API could not start', error);
  process.exit(1);
});
