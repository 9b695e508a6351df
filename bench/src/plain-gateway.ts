import amqp from 'amqplib';
import express from 'express';
import { Redis } from 'ioredis';
import { RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';

// The reference our gateway is measured against (issue 20): a straightforward webhook gateway,
// written the way one would without measuring. Express with express.json, the per-user limit
// awaited from rate-limiter-flexible's RateLimiterRedis, then the update published as a persistent
// message on an amqplib confirm channel, answered 200 once RabbitMQ confirmed it. Not product code.

const { PORT, REDIS_URL, RABBITMQ_URL, QUEUE } = process.env;

async function main(): Promise<void> {
  const redis = new Redis(REDIS_URL ?? 'redis://127.0.0.1:6379');
  const limiter = new RateLimiterRedis({
    storeClient: redis,
    keyPrefix: `${QUEUE}:limit`,
    points: 100_000,
    duration: 60,
  });
  const connection = await amqp.connect(RABBITMQ_URL ?? 'amqp://127.0.0.1');
  const channel = await connection.createConfirmChannel();
  const queue = QUEUE ?? 'plain-gateway';
  await channel.assertQueue(queue, { durable: true });

  const app = express();
  app.use(express.json({ limit: '1mb' }));
  app.post('/telegram/webhook', async (req, res) => {
    const update = req.body as { update_id?: unknown; message?: { from?: { id?: number } } };
    if (typeof update?.update_id !== 'number') {
      res.sendStatus(400);
      return;
    }
    try {
      await limiter.consume(String(update.message?.from?.id ?? 'anonymous'));
    } catch (rejection) {
      if (rejection instanceof RateLimiterRes) {
        res.sendStatus(200);
        return;
      }
      res.sendStatus(503);
      return;
    }
    const body = Buffer.from(
      JSON.stringify({ kind: 'update', update, receivedAt: new Date().toISOString() }),
    );
    channel.publish(
      '',
      queue,
      body,
      { persistent: true, messageId: `update:${update.update_id}` },
      (error) => {
        res.sendStatus(error ? 503 : 200);
      },
    );
  });
  const server = app.listen(Number(PORT), '127.0.0.1', () => {
    console.log(JSON.stringify({ message: 'started' }));
  });
  server.keepAliveTimeout = 30_000;
  process.once('SIGTERM', () => {
    server.close(() => {
      void connection.close().finally(() => {
        redis.disconnect();
        process.exit(0);
      });
    });
    server.closeAllConnections();
  });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
