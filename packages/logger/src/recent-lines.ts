import { Writable } from 'node:stream';
import winston from 'winston';
import type { Transport } from './logger';

export interface RecentLine {
  level: string;
  message: string;
  timestamp: string;
  /** The line's other fields, as written (secrets already redacted). */
  fields: Record<string, unknown>;
}

/**
 * Keeps the last `capacity` lines at `level` or worse (warn: warnings and errors) in memory, newest
 * last, for the operations page. Give `transport` to createLogger; lines arrive formatted, so redacted.
 */
export class RecentLines {
  private readonly lines: RecentLine[] = [];
  readonly transport: Transport;

  constructor(
    private readonly capacity = 50,
    level = 'warn',
  ) {
    const sink = new Writable({
      objectMode: true,
      write: (info: Record<string | symbol, unknown>, _encoding, done) => {
        this.keep(info);
        done();
      },
    });
    this.transport = new winston.transports.Stream({ stream: sink, level });
  }

  private keep(info: Record<string | symbol, unknown>): void {
    const { level, message, timestamp, ...fields } = info;
    for (const key of Object.getOwnPropertySymbols(fields)) delete fields[key];
    this.lines.push({
      level: String(level),
      message: typeof message === 'string' ? message : JSON.stringify(message),
      timestamp: typeof timestamp === 'string' ? timestamp : new Date().toISOString(),
      fields: fields as Record<string, unknown>,
    });
    if (this.lines.length > this.capacity) this.lines.splice(0, this.lines.length - this.capacity);
  }

  /** The kept lines, oldest first. */
  list(): RecentLine[] {
    return [...this.lines];
  }
}
