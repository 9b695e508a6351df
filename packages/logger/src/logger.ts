import { AsyncLocalStorage } from 'node:async_hooks';
import { EOL } from 'node:os';
import winston from 'winston';
import { prettyFormat } from './pretty-line';

export type Logger = winston.Logger;
/** A log destination (a winston transport). */
export type Transport = Extract<NonNullable<winston.LoggerOptions['transports']>, unknown[]>[number];

/**
 * LOG_FORMAT: `json` lines for machines (log pipelines, `docker compose logs`), `pretty` lines for
 * people, `auto` pretty when the output is a terminal and JSON otherwise.
 */
export const LOG_FORMATS = ['auto', 'json', 'pretty'] as const;
export type LogFormat = (typeof LOG_FORMATS)[number];

export interface LoggerOptions {
  service: string;
  level?: string;
  /** Values that must never reach a log line (bot token, webhook secret); replaced by "[redacted]". */
  secrets?: Array<string | undefined>;
  /** Where lines go; stdout by default (containers collect it). */
  stream?: NodeJS.WritableStream;
  /**
   * How lines look on `stream` (LOG_FORMAT). Not given: the LOG_FORMAT variable, else `auto`. The
   * file and the extra transports always get JSON.
   */
  format?: LogFormat;
  /** Colours in pretty lines; by default on unless NO_COLOR is set (https://no-color.org). */
  color?: boolean;
  /** LOG_FILE: the same lines also go to this file, rotated by size (see FILE_ROTATION). */
  file?: string;
  /** More destinations (the operations page keeps recent errors in memory through one). */
  transports?: Transport[];
}

/**
 * The log file is rotated at 10 MB; the 5 newest files are kept. winston numbers the older ones before
 * the extension, newest first: telegram.log, then telegram1.log ... telegram4.log.
 */
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

/** winston's keys (triple-beam's) of a line's level and its formatted text. */
const LEVEL = Symbol.for('level');
const MESSAGE = Symbol.for('message');

/**
 * The one AsyncLocalStorage of the process: every live one costs every promise made anywhere (a
 * hook copies each store onto each new promise), so other packages keep their context in it too,
 * under a symbol of their own (withContextValue; the Telegram client's call scope does).
 */
const context = new AsyncLocalStorage<Record<string | symbol, unknown>>();

/**
 * Runs `work` with fields that every line logged inside it carries, by any logger of the process
 * and however deep (the bot's handlers, the Telegram client): the update_id, chat, queue and
 * attempt of the message being handled. Fields given to the line itself win.
 */
export function withLogFields<T>(fields: Record<string, unknown>, work: () => T): T {
  const outer = context.getStore();
  return context.run(outer ? { ...outer, ...fields } : fields, work);
}

/** Runs `work` with `value` under `key` in the process's async context (never logged). */
export function withContextValue<T>(key: symbol, value: unknown, work: () => T): T {
  return context.run({ ...context.getStore(), [key]: value }, work);
}

/** The value withContextValue put under `key` for the code running now, if any. */
export function contextValue(key: symbol): unknown {
  return context.getStore()?.[key];
}

/** Where JSON lines go without winston's streams: the console's stdout, or the stream given. */
interface DirectOutput {
  write(line: string): void;
  /** The transport the lines would have gone through (its `silent` is honoured). */
  transport: Transport;
}

/**
 * The logger's write: adds the fields of withLogFields to a line when it is logged (not later, when
 * it is written), drops a line no transport takes before anything is formatted (winston formats
 * every line, debug ones included, before its transports look at the level), and writes a JSON
 * line that only the main output takes straight to it, formatted by the logger's own format, past
 * winston's object streams and its per-line setImmediate. Lines that another transport takes (the
 * recent warnings) go winston's way, which writes the main output too.
 */
function installWrite(logger: winston.Logger, direct: DirectOutput | undefined, extras: Transport[]): void {
  const write = logger.write.bind(logger);
  const levels = logger.levels;
  const takes = (transport: Transport, value: number) =>
    !transport.silent && (levels[transport.level ?? logger.level] ?? -1) >= value;
  // A child logger's write ends in this one, so children carry the fields too.
  logger.write = ((info: Record<string | symbol, unknown>, ...rest: unknown[]) => {
    const fields = context.getStore();
    if (fields && info && typeof info === 'object') {
      // String keys only: other packages' context values sit under symbols.
      for (const key in fields) {
        const value = fields[key];
        if (info[key] === undefined && value !== undefined) info[key] = value;
      }
    }
    const level = (info?.[LEVEL] ?? info?.level) as string;
    const value = levels[level];
    if (value !== undefined && !logger.isLevelEnabled(level)) return true;
    if (
      direct &&
      value !== undefined &&
      !logger.silent &&
      takes(direct.transport, value) &&
      !extras.some((transport) => takes(transport, value))
    ) {
      info[LEVEL] = level;
      const formatted = logger.format.transform(
        info as winston.Logform.TransformableInfo,
        logger.format.options,
      );
      if (formatted) direct.write(`${(formatted as Record<symbol, unknown>)[MESSAGE]}${EOL}`);
      return true;
    }
    return (write as (...args: unknown[]) => boolean)(info, ...rest);
  }) as typeof logger.write;
}

/**
 * Writes to stdout at most once per turn of the event loop: the lines of a turn go out in one
 * system call (stdout is a pipe or a file, written synchronously). Whatever is held is written
 * before the process exits.
 */
function batchedStdout(): (line: string) => void {
  const stdout = process.stdout;
  let held = false;
  const release = () => {
    if (!held) return;
    held = false;
    stdout.uncork();
  };
  process.once('exit', release);
  return (line) => {
    if (!held) {
      held = true;
      stdout.cork();
      setImmediate(release);
    }
    stdout.write(line);
  };
}

/** Whether lines on `stream` (stdout when not given) are for a person: `auto` asks if it is a terminal. */
export function resolveLogFormat(
  format: LogFormat | undefined,
  stream: NodeJS.WritableStream | undefined,
  env: NodeJS.ProcessEnv = process.env,
): 'json' | 'pretty' {
  const chosen = format ?? LOG_FORMATS.find((known) => known === env.LOG_FORMAT) ?? 'auto';
  if (chosen !== 'auto') return chosen;
  const target = (stream ?? process.stdout) as NodeJS.WritableStream & { isTTY?: boolean };
  return target.isTTY === true ? 'pretty' : 'json';
}

/**
 * The one logger of a service: lines with a fixed message and a fields object, JSON so log
 * pipelines can index the fields, or pretty for a person at a terminal (LOG_FORMAT). Use
 * `logger.child({ update_id, chat_id })` for context. Secrets are redacted before either.
 */
export function createLogger(options: LoggerOptions): Logger {
  const secrets = (options.secrets ?? []).filter(
    (secret): secret is string => !!secret && secret.length >= 6,
  );
  // The logger's own format ends in JSON (the file and extra transports write that); a pretty
  // console rewrites its copy of each line.
  const pretty =
    resolveLogFormat(options.format, options.stream) === 'pretty'
      ? { format: prettyFormat({ color: options.color ?? !process.env.NO_COLOR }) }
      : {};
  const main: Transport = options.stream
    ? new winston.transports.Stream({ stream: options.stream, ...pretty })
    : new winston.transports.Console({ stderrLevels: [], ...pretty });
  const extras: Transport[] = [];
  if (options.file) {
    // tailable: the newest lines are always in LOG_FILE itself, as `tail -f` expects.
    extras.push(new winston.transports.File({ filename: options.file, ...FILE_ROTATION, tailable: true }));
  }
  extras.push(...(options.transports ?? []));
  const logger = winston.createLogger({
    level: options.level ?? 'info',
    defaultMeta: { service: options.service },
    format: winston.format.combine(
      winston.format.errors({ stack: true }),
      redact({ secrets }),
      winston.format.timestamp(),
      winston.format.json(),
    ),
    transports: [main, ...extras],
  });
  // JSON lines (what services write in production) skip winston's streams; pretty ones do not.
  const stream = options.stream;
  const direct: DirectOutput | undefined = pretty.format
    ? undefined
    : { transport: main, write: stream ? (line) => stream.write(line) : batchedStdout() };
  installWrite(logger, direct, extras);
  return logger;
}
