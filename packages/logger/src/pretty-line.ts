import winston from 'winston';

// The line a person reads in a terminal: time, level, service, message, then the fields as
// key=value. Machines get JSON instead (see LOG_FORMAT in logger.ts); this is never parsed.

const MESSAGE = Symbol.for('message');

const ANSI = {
  reset: '\x1b[0m',
  bold: '\x1b[1m',
  dim: '\x1b[2m',
  red: '\x1b[31m',
  green: '\x1b[32m',
  yellow: '\x1b[33m',
  blue: '\x1b[34m',
  magenta: '\x1b[35m',
  cyan: '\x1b[36m',
} as const;

const LEVEL_COLORS: Record<string, keyof typeof ANSI> = {
  error: 'red',
  warn: 'yellow',
  info: 'green',
  http: 'magenta',
  verbose: 'cyan',
  debug: 'blue',
  silly: 'dim',
};

/** Written by the line itself rather than as fields. */
const OWN_KEYS = new Set(['level', 'message', 'timestamp', 'service', 'stack']);

interface ErrorLike {
  message: string;
  stack?: string;
}

/** An Error, or one as the redaction leaves it (a plain { name, message, stack }). */
function asError(value: unknown): ErrorLike | undefined {
  if (value instanceof Error) return value;
  if (value && typeof value === 'object') {
    const { message, stack } = value as Record<string, unknown>;
    if (typeof message === 'string' && typeof stack === 'string') return { message, stack };
  }
  return undefined;
}

/** Frames only: the first line of a stack repeats the message the line already shows. */
function framesOf(stack: unknown): string | undefined {
  if (typeof stack !== 'string') return undefined;
  const frames = stack
    .split('\n')
    .filter((line) => /^\s+at /.test(line))
    .map((line) => `    ${line.trim()}`);
  return frames.length > 0 ? frames.join('\n') : undefined;
}

function formatValue(value: unknown): string {
  if (typeof value === 'string') return /^[^\s"=]+$/.test(value) ? value : JSON.stringify(value);
  if (value === undefined) return 'undefined';
  if (value === null || typeof value !== 'object') return String(value);
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

function clock(timestamp: unknown): string {
  const date = typeof timestamp === 'string' ? new Date(timestamp) : new Date();
  const pad = (n: number, width = 2) => String(n).padStart(width, '0');
  return `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}.${pad(date.getMilliseconds(), 3)}`;
}

export interface PrettyLineOptions {
  /** ANSI colours; off for NO_COLOR or a file. */
  color: boolean;
}

/** Renders one log entry as one short line (plus the stack frames of an error, indented below it). */
export function prettyLine(info: Record<string | symbol, unknown>, options: PrettyLineOptions): string {
  const paint = (color: keyof typeof ANSI, text: string) =>
    options.color ? `${ANSI[color]}${text}${ANSI.reset}` : text;
  const level = String(info.level ?? 'info');
  const fields: string[] = [];
  // An error goes last and unquoted: its message is the sentence a person reads first.
  const errors: string[] = [];
  const stacks: string[] = [];
  const ownStack = framesOf(info.stack);
  if (ownStack) stacks.push(ownStack);
  for (const [key, value] of Object.entries(info)) {
    if (OWN_KEYS.has(key) || value === undefined) continue;
    const error = asError(value);
    if (!error) {
      fields.push(`${paint('dim', `${key}=`)}${formatValue(value)}`);
      continue;
    }
    errors.push(`${paint('dim', `${key}=`)}${error.message}`);
    const frames = framesOf(error.stack);
    if (frames) stacks.push(frames);
  }
  const head = [
    paint('dim', clock(info.timestamp)),
    paint(LEVEL_COLORS[level] ?? 'reset', level.padEnd(5)),
    ...(info.service === undefined ? [] : [paint('cyan', String(info.service))]),
    paint('bold', typeof info.message === 'string' ? info.message : formatValue(info.message)),
    ...fields,
    ...errors,
  ].join(' ');
  return stacks.length === 0 ? head : [head, ...stacks.map((frames) => paint('dim', frames))].join('\n');
}

/** A winston format that writes the pretty line as the entry's output. */
export const prettyFormat = winston.format((info, options) => {
  const record = info as unknown as Record<string | symbol, unknown>;
  record[MESSAGE] = prettyLine(record, options as PrettyLineOptions);
  return info;
});
