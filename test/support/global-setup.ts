// Resolves the servers every integration and end-to-end test talks to. URLs given in the environment
// win (that is how CI and these machines run, since they have the servers but no Docker engine);
// whatever is missing is started with testcontainers and stopped again in global-teardown.
import type { StartedTestContainer } from 'testcontainers';

declare global {
  // eslint-disable-next-line no-var
  var __TASKBOT_CONTAINERS__: StartedTestContainer[] | undefined;
}

export default async function globalSetup(): Promise<void> {
  const started: StartedTestContainer[] = [];
  if (!process.env.DATABASE_URL) {
    const { PostgreSqlContainer } = await import('@testcontainers/postgresql');
    const pg = await new PostgreSqlContainer('postgres:15-alpine').start();
    started.push(pg);
    process.env.DATABASE_URL = pg.getConnectionUri();
  }
  if (!process.env.REDIS_URL) {
    const { RedisContainer } = await import('@testcontainers/redis');
    const redis = await new RedisContainer('redis:7-alpine').start();
    started.push(redis);
    process.env.REDIS_URL = redis.getConnectionUrl();
  }
  if (!process.env.RABBITMQ_URL) {
    const { RabbitMQContainer } = await import('@testcontainers/rabbitmq');
    const rabbit = await new RabbitMQContainer('rabbitmq:4-management-alpine').start();
    started.push(rabbit);
    process.env.RABBITMQ_URL = rabbit.getAmqpUrl();
  }
  globalThis.__TASKBOT_CONTAINERS__ = started;
}
