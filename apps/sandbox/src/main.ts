import { exitOnConfigError, loadConfig } from '@taskbot/config/load-config';
import { sandboxConfigSchema } from '@taskbot/config/sandbox';
import { pageAddress } from './page-address';
import { SandboxServer } from './sandbox-server';

// The sandbox on its own, as the compose service runs it; `pnpm start` starts it in launch.ts instead.
async function main(): Promise<void> {
  const config = loadConfig(sandboxConfigSchema);
  const sandbox = new SandboxServer();
  const root = await sandbox.start(config.SANDBOX_PORT, config.SANDBOX_HOST);
  console.log(`Sandbox Bot API on ${root} (TELEGRAM_API_ROOT); chat page: ${pageAddress(root)}`);

  let stopping = false;
  const stop = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal} received, stopping the sandbox`);
    sandbox.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error('the sandbox did not stop cleanly', error);
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', () => stop('SIGTERM'));
  process.once('SIGINT', () => stop('SIGINT'));
}

main().catch((error: unknown) => {
  try {
    exitOnConfigError(error);
  } catch {
    console.error('the sandbox could not start', error);
    process.exit(1);
  }
});
