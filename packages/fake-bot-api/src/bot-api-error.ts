import type { ApiResponse, ResponseParameters } from './types';

/** A refusal the way Telegram words it; the HTTP status equals `code`. */
export class BotApiError extends Error {
  constructor(
    readonly code: number,
    readonly description: string,
    readonly parameters?: ResponseParameters,
  ) {
    super(description);
    this.name = 'BotApiError';
  }

  toResponse(): ApiResponse {
    return {
      ok: false,
      error_code: this.code,
      description: this.description,
      ...(this.parameters ? { parameters: this.parameters } : {}),
    };
  }
}

export const badRequest = (reason: string): BotApiError => new BotApiError(400, `Bad Request: ${reason}`);

export const forbidden = (reason: string): BotApiError => new BotApiError(403, `Forbidden: ${reason}`);

export const notFound = (): BotApiError => new BotApiError(404, 'Not Found');

export const conflict = (reason: string): BotApiError => new BotApiError(409, `Conflict: ${reason}`);

export const tooManyRequests = (retryAfter: number): BotApiError =>
  new BotApiError(429, `Too Many Requests: retry after ${retryAfter}`, { retry_after: retryAfter });
