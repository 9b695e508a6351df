import { AsyncLocalStorage } from 'node:async_hooks';
import winston from 'winston';

export type Logger = winston.Logger;
/** A log destination (a winston transport). */
export type Transport = Extract<NonNullable<winston.LoggerOptions['transports']>, unknown[]>[number];

export interface LoggerOptions {
  service: string;
  level?: string;
  /** Values that must never reach a log line (bot token, webhook secret); replaced by "[redacted]". */
  secrets?: Array<string | undefined>;
  /** Where lines go; stdout by default (containers collect it). */
  stream?: NodeJS.WritableStream;
  /** LOG_FILE: the same lines also go to this file, rotated by size (see FILE_ROTATION). */
  file?: string;
  /** More destinations (the operations page keeps recent errors in memory through one). */
  transports?: Transport[];
}

/** The log file is rotated at 10 MB; the 5 newest files are kept (LOG_FILE, LOG_FILE1 ... LOG_FILE4). */
export const FILE_ROTATION = { maxsize: 10 * 1024 * 1024, maxFiles: 5 } as const;

const REDACTED = '[redacted]';

function redactValue(value: unknown, secrets: string[], seen: WeakSet<object>): unknown {
  if (typeof value === 'string') {
    return secrets.reduce((text, secret) => text.split(secret).join(REDACTED), value);
  }
  if (value instanceof Error) {
    return {
      name: value.name,
      message: redactValue(value.message, secrets, seen),
      stack: redactValue(value.stack, secrets, seen),
    };
  }
  if (value && typeof value === 'object') {
    if (seen.has(value)) return '[circular]';
    seen.add(value);
    if (Array.isArray(value)) return value.map((item) => redactValue(item, secrets, seen));
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [key, redactValue(item, secrets, seen)]),
    );
  }
  return value;
}

/** A winston format that replaces every occurrence of the secrets anywhere in a log entry. */
export const redact = winston.format((info, options) => {
  const { secrets } = options as { secrets: string[] };
  if (secrets.length === 0) return info;
  const seen = new WeakSet<object>();
  for (const key of Object.keys(info)) {
    info[key] = redactValue(info[key], secrets, seen);
  }
  return info;
});

const logFields = new AsyncLocalStorage<Record<string, unknown>>();

/**
 * Runs `work` with fields that every line logged inside it carries, by any logger of the process
 * and however deep (the bot's handlers, the Telegram client): the update_id, chat, queue and
 * attempt of the message being handled. Fields given to the line itself win.
 */
export function withLogFields<T>(fields: Record<string, unknown>, work: () => T): T {
  const outer = logFields.getStore();
  return logFields.run(outer ? { ...outer, ...fields } : fields, work);
}

/** Adds the fields of withLogFields to a line when it is logged (not later, when it is written). */
function addContextFields(logger: winston.Logger): void {
  const write = logger.write.bind(logger);
  // A child logger's write ends in this one, so children carry the fields too.
  logger.write = ((info: Record<string, unknown>, ...rest: unknown[]) => {
    const fields = logFields.getStore();
    if (fields && info && typeof info === 'object') {
      for (const [key, value] of Object.entries(fields)) {
        if (info[key] === undefined && value !== undefined) info[key] = value;
      }
    }
    return (write as (...args: unknown[]) => boolean)(info, ...rest);
  }) as typeof logger.write;
}

/**
 * The one logger of a service: JSON lines with a fixed message and a fields object, so log
 * pipelines can index the fields. Use `logger.child({ update_id, chat_id })` for context.
 */
export function createLogger(options: LoggerOptions): Logger {
  const secrets = (options.secrets ?? []).filter(
    (secret): secret is string => !!secret && secret.length >= 6,
  );
  const transports: Transport[] = [
    options.stream
      ? new winston.transports.Stream({ stream: options.stream })
      : new winston.transports.Console({ stderrLevels: [] }),
  ];
  if (options.file) {
    // tailable: the newest lines are always in LOG_FILE itself, as `tail -f` expects.
    transports.push(
      new winston.transports.File({ filename: options.file, ...FILE_ROTATION, tailable: true }),
    );
  }
  transports.push(...(options.transports ?? []));
  const logger = winston.createLogger({
    level: options.level ?? 'info',
    defaultMeta: { service: options.service },
    format: winston.format.combine(
      winston.format.errors({ stack: true }),
      redact({ secrets }),
      winston.format.timestamp(),
      winston.format.json(),
    ),
    transports,
  });
  addContextFields(logger);
  return logger;
}
