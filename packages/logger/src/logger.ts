import winston from 'winston';

export type Logger = winston.Logger;

export interface LoggerOptions {
  service: string;
  level?: string;
  /** Values that must never reach a log line (bot token, webhook secret); replaced by "[redacted]". */
  secrets?: Array<string | undefined>;
  /** Where lines go; stdout by default (containers collect it). */
  stream?: NodeJS.WritableStream;
}

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

/**
 * The one logger of a service: JSON lines with a fixed message and a fields object, so log
 * pipelines can index the fields. Use `logger.child({ update_id, chat_id })` for context.
 */
export function createLogger(options: LoggerOptions): Logger {
  const secrets = (options.secrets ?? []).filter(
    (secret): secret is string => !!secret && secret.length >= 6,
  );
  return winston.createLogger({
    level: options.level ?? 'info',
    defaultMeta: { service: options.service },
    format: winston.format.combine(
      winston.format.errors({ stack: true }),
      redact({ secrets }),
      winston.format.timestamp(),
      winston.format.json(),
    ),
    transports: [
      options.stream
        ? new winston.transports.Stream({ stream: options.stream })
        : new winston.transports.Console({ stderrLevels: [] }),
    ],
  });
}
