import { createHash } from 'node:crypto';
import { formatSummary, summarizeMessage } from '@taskbot/domain/update-summary';
import type { GetMessage, MessageProperties } from 'amqplib';
import { decodeMessage } from './bus-message';
import { BROKER_HEADERS, HEADERS, RETRY_HEADERS } from './headers';

// What a failed job is, read from a message resting in a dead-letter queue: the consumer's failure
// headers when it put it there, the broker's own dead-lettering headers when RabbitMQ did.

const ID_LENGTH = 12;

export interface FailedJob {
  /** Short and stable: the same job has the same id on every listing. */
  id: string;
  /** The work queue it failed in, and goes back to on retry. */
  queue: string;
  /** The work-queue kind's name (the dead queue's stem). */
  kindQueue: string;
  /** The dead-letter queue it rests in. */
  deadQueue: string;
  messageId: string | undefined;
  attempts: number | undefined;
  error: string | undefined;
  firstFailedAt: string | undefined;
  lastFailedAt: string | undefined;
  /** How often it was retried from a dead-letter queue before. */
  retryCount: number;
  /** One line: kind, chat, user and the start of the text. */
  summary: string;
  /** The body as JSON, or its text when it is not JSON. */
  body: unknown;
  headers: Record<string, unknown>;
  properties: Omit<MessageProperties, 'headers'>;
}

export function describeJob(raw: GetMessage, deadQueue: string, kindQueue: string): FailedJob {
  const { headers = {}, ...properties } = raw.properties;
  const messageId = typeof properties.messageId === 'string' ? properties.messageId : undefined;
  const firstFailedAt = text(headers[HEADERS.firstFailedAt]);
  const bodyText = raw.content.toString('utf8');
  const decoded = decodeMessage(raw.content);
  return {
    id: jobId(messageId ?? sha256(raw.content), firstFailedAt),
    queue: text(headers[HEADERS.originalQueue]) ?? text(headers[BROKER_HEADERS.firstDeathQueue]) ?? kindQueue,
    kindQueue,
    deadQueue,
    messageId,
    attempts: count(headers[HEADERS.attempt]),
    error: text(headers[HEADERS.error]) ?? text(headers[BROKER_HEADERS.firstDeathReason]),
    firstFailedAt,
    lastFailedAt: text(headers[HEADERS.lastFailedAt]),
    retryCount: count(headers[RETRY_HEADERS.retryCount]) ?? 0,
    summary: decoded.ok ? formatSummary(summarizeMessage(decoded.message)) : `unreadable: ${decoded.error}`,
    body: parseJson(bodyText),
    headers,
    properties,
  };
}

/** The first hex digits of sha256(message id, first failure time): the same on every listing. */
export function jobId(messageId: string, firstFailedAt: string | undefined): string {
  return sha256(`${messageId}\n${firstFailedAt ?? ''}`).slice(0, ID_LENGTH);
}

function sha256(input: string | Buffer): string {
  return createHash('sha256').update(input).digest('hex');
}

function text(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (Buffer.isBuffer(value)) return value.toString('utf8');
  return undefined;
}

function count(value: unknown): number | undefined {
  const number = typeof value === 'number' ? value : Number(text(value));
  return Number.isFinite(number) ? number : undefined;
}

function parseJson(body: string): unknown {
  try {
    return JSON.parse(body);
  } catch {
    return body;
  }
}
