import { BotApiCore, type BotApiOptions } from './bot-api-core';
import { HttpServer } from './http/http-server';

export type { BotApiOptions } from './bot-api-core';

/**
 * A fake Telegram Bot API on a local port. Point a bot at it with
 * `new Telegram(token, { apiRoot: await fake.start() })`; it answers like Telegram, records every
 * call, and fails on request.
 */
export class FakeBotApi extends BotApiCore {
  private readonly http = new HttpServer(this);
  private root?: string;

  constructor(options: BotApiOptions = {}) {
    super(options);
  }

  /** Starts listening; resolves the apiRoot, e.g. http://127.0.0.1:43123. Port 0 picks a free port. */
  async start(port = 0, host = '127.0.0.1'): Promise<string> {
    this.root = await this.http.listen(port, host);
    return this.root;
  }

  /** The apiRoot while started. */
  get apiRoot(): string {
    if (!this.root) throw new Error('the fake Bot API is not started');
    return this.root;
  }

  /**
   * Stops listening; requests still waiting (long polls, late answers, requests a hang failure
   * holds) are dropped unanswered, so stopping never waits for a client to give up.
   */
  async stop(): Promise<void> {
    this.abandonWaitingCalls();
    await this.http.close();
    this.root = undefined;
  }
}
