import { badRequest } from './bot-api-error';

// Telegram takes parameters as JSON, as a url-encoded form or in the query string. In the last two
// every value is a string, so numbers and JSON-serialized objects are coerced here, in one place.

export type Payload = Record<string, unknown>;

export class Params {
  constructor(readonly raw: Payload) {}

  has(name: string): boolean {
    return this.raw[name] !== undefined && this.raw[name] !== null && this.raw[name] !== '';
  }

  /** `chat_id` as Telegram takes it: an integer, a numeric string or an `@username`. */
  chatId(): number | string {
    const value = this.raw.chat_id;
    if (typeof value === 'number' && Number.isInteger(value) && value !== 0) return value;
    if (typeof value === 'string' && value.trim() !== '') {
      const trimmed = value.trim();
      if (trimmed.startsWith('@')) return trimmed;
      const parsed = Number(trimmed);
      if (Number.isInteger(parsed) && parsed !== 0) return parsed;
      throw badRequest('chat not found');
    }
    throw badRequest('chat_id is empty');
  }

  optionalInt(name: string): number | undefined {
    if (!this.has(name)) return undefined;
    const value = this.raw[name];
    const parsed = typeof value === 'string' ? Number(value) : value;
    if (typeof parsed !== 'number' || !Number.isInteger(parsed)) {
      throw badRequest(`wrong parameter ${name} specified`);
    }
    return parsed;
  }

  int(name: string, whenMissing: string): number {
    const value = this.optionalInt(name);
    if (value === undefined) throw badRequest(whenMissing);
    return value;
  }

  optionalString(name: string): string | undefined {
    if (!this.has(name)) return undefined;
    const value = this.raw[name];
    return typeof value === 'string' ? value : String(value);
  }

  optionalBoolean(name: string): boolean {
    const value = this.raw[name];
    return value === true || value === 'true' || value === 1 || value === '1';
  }

  /** An object or array parameter, parsed from JSON text when it came as a string. */
  optionalJson(name: string, whenUnparsable: string): unknown {
    if (!this.has(name)) return undefined;
    const value = this.raw[name];
    if (typeof value !== 'string') return value;
    try {
      return JSON.parse(value);
    } catch {
      throw badRequest(whenUnparsable);
    }
  }
}
