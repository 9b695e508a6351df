import type { ApiResponse } from './types';

export interface RawAnswer {
  status: number;
  body: ApiResponse;
}

/**
 * One plain HTTP call to a Bot API (real or fake) with a JSON body, answering the status and the
 * parsed envelope without interpreting them. For tests and scripts that check the wire format;
 * the bot itself talks through the Telegram client.
 */
export async function rawBotApiCall(
  apiRoot: string,
  method: string,
  payload: Record<string, unknown> = {},
  token = '123456:fake-token',
): Promise<RawAnswer> {
  const response = await fetch(`${apiRoot}/bot${token}/${method}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(payload),
  });
  return { status: response.status, body: (await response.json()) as ApiResponse };
}
