export default async function globalTeardown(): Promise<void> {
  for (const container of globalThis.__TASKBOT_CONTAINERS__ ?? []) {
    await container.stop();
  }
}
