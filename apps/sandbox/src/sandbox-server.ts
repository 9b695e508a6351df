import { DEFAULT_SANDBOX_PORT } from '@taskbot/config/sandbox';
import { HttpServer } from '@taskbot/fake-bot-api/http/http-server';
import { pageRoutes } from './page-routes';
import { SandboxBotApi } from './sandbox-bot-api';
import type { SandboxUser } from './world';

/**
 * The sandbox on one port: the Bot API the services call (`/bot<token>/<method>`, the same as
 * TELEGRAM_API_ROOT) and the chat page people open. The fake's test controls are not served.
 */
export class SandboxServer {
  readonly api: SandboxBotApi;
  private readonly http: HttpServer;
  private root?: string;

  constructor(users?: readonly SandboxUser[]) {
    // Updates are numbered from the start time in milliseconds, past anything an earlier run gave:
    // the workers remember handled updates by id in Redis across a restart of `pnpm start`.
    this.api = new SandboxBotApi(users, { firstUpdateId: Date.now() });
    this.http = new HttpServer(this.api, { controlRoutes: false, otherRoutes: pageRoutes(this.api) });
  }

  /** Listens; resolves the address of the page, which is also the Bot API root. Port 0 picks one. */
  async start(port = DEFAULT_SANDBOX_PORT, host = '127.0.0.1'): Promise<string> {
    this.root = await this.http.listen(port, host);
    return this.root;
  }

  get url(): string {
    if (!this.root) throw new Error('the sandbox is not started');
    return this.root;
  }

  /** Stops listening; open pages lose their event stream and reconnect when it is back. */
  async stop(): Promise<void> {
    this.api.stopWaiting();
    await this.http.close();
    this.root = undefined;
  }
}
