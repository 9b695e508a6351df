import { execFile } from 'node:child_process';
import { Writable } from 'node:stream';
import { promisify } from 'node:util';
import { createLogger, type Logger } from '@taskbot/logger/logger';
import type { BusMessage } from '@taskbot/messaging/bus-message';
import amqp, { type MessageProperties } from 'amqplib';

// Small helpers for the messaging integration tests: look into queues with a connection of their
// own, wait for a condition with a bounded loop, and drop a service's connection from the server
// side (what a broker restart looks like to the client) without touching anyone else's.

const run = promisify(execFile);
const url = () => process.env.RABBITMQ_URL ?? 'amqp://127.0.0.1';

export interface RawMessage {
  content: Buffer;
  text: string;
  properties: MessageProperties;
  redelivered: boolean;
}

/** Takes (and acks) every message waiting in a queue, in queue order. */
export async function takeAll(queue: string): Promise<RawMessage[]> {
  const connection = await amqp.connect(url());
  const taken: RawMessage[] = [];
  try {
    const channel = await connection.createChannel();
    for (;;) {
      const message = await channel.get(queue);
      if (!message) break;
      channel.ack(message);
      taken.push({
        content: message.content,
        text: message.content.toString('utf8'),
        properties: message.properties,
        redelivered: message.fields.redelivered,
      });
    }
    await channel.close();
  } finally {
    await connection.close();
  }
  return taken;
}

/** Consumers attached to a queue right now. */
export async function consumerCount(queue: string): Promise<number> {
  const connection = await amqp.connect(url());
  try {
    const channel = await connection.createChannel();
    const { consumerCount: count } = await channel.checkQueue(queue);
    return count;
  } finally {
    await connection.close();
  }
}

/** Publishes bytes straight to a queue (through the default exchange), bypassing the Publisher. */
export async function sendToQueue(queue: string, content: Buffer, options: amqp.Options.Publish = {}) {
  const connection = await amqp.connect(url());
  try {
    const channel = await connection.createConfirmChannel();
    channel.sendToQueue(queue, content, { persistent: true, ...options });
    await channel.waitForConfirms();
    await channel.close();
  } finally {
    await connection.close();
  }
}

/** Resolves once `check` returns true; fails after `timeoutMs` with `what` in the message. */
export async function waitFor(
  what: string,
  check: () => boolean | Promise<boolean>,
  timeoutMs = 15_000,
  intervalMs = 25,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

/** A promise with its resolve function, for handlers that wait until the test lets them go. */
export function gate(): { promise: Promise<void>; open: () => void } {
  let open: () => void = () => undefined;
  const promise = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { promise, open };
}

/** A logger that keeps its JSON lines in memory (readable on failure) instead of printing them. */
export function memoryLogger(service: string): { logger: Logger; lines: string[] } {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, callback) {
      lines.push(chunk.toString().trim());
      callback();
    },
  });
  return { logger: createLogger({ service, level: 'debug', stream }), lines };
}

/**
 * Server-side ids of the open connections whose `connection_name` client property is `name` (the
 * Broker sets it to the logger's `service`).
 */
export async function connectionPidsNamed(name: string): Promise<string[]> {
  const { stdout } = await run('rabbitmqctl', [
    '-q',
    'list_connections',
    '--no-table-headers',
    'pid',
    'client_properties',
  ]);
  return stdout
    .split('\n')
    .filter((line) => line.includes(`{"connection_name","${name}"}`))
    .map((line) => line.split('\t')[0]?.trim() ?? '')
    .filter((pid) => pid.startsWith('<'));
}

/**
 * Closes, from the server side, every connection named `name` (CONNECTION_FORCED, as in a broker
 * restart); returns how many were closed. The RabbitMQ server keeps running for everyone else.
 */
export async function dropConnectionsNamed(name: string, reason = 'test: simulated broker restart') {
  const pids = await connectionPidsNamed(name);
  for (const pid of pids) await run('rabbitmqctl', ['-q', 'close_connection', pid, reason]);
  return pids.length;
}

/** An update as the gateway puts it on the bus: `/add task <id>` in the private chat `chatId`. */
export function busUpdate(updateId: number, chatId = 42): BusMessage {
  return {
    kind: 'update',
    update: {
      update_id: updateId,
      message: { message_id: updateId, chat: { id: chatId, type: 'private' }, text: `/add task ${updateId}` },
    },
    receivedAt: new Date().toISOString(),
  };
}
