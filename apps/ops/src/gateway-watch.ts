import dns from 'node:dns/promises';
import net from 'node:net';
import type { RecentLine } from '@taskbot/logger/recent-lines';

/** The gateway's counter of updates RabbitMQ confirmed (all routes): the page's throughput in. */
const PUBLISHED_TOTAL = 'taskbot_gateway_updates_published_total';

export interface GatewayWatchOptions {
  /** The gateway's admin listener, like http://gateway:9090. */
  url: string;
  /** ADMIN_TOKEN, sent as Bearer when set. */
  token: string | undefined;
  timeoutMs?: number;
  /** The addresses of a host name (every gateway replica behind a headless Service). */
  resolve?: (host: string) => Promise<string[]>;
}

async function allAddresses(host: string): Promise<string[]> {
  const found = await dns.lookup(host, { all: true });
  return [...new Set(found.map((entry) => entry.address))];
}

/** The sum of every sample of one metric in Prometheus' text format (0 when absent). */
export function sumOfMetric(text: string, name: string): number {
  let sum = 0;
  for (const line of text.split('\n')) {
    if (line.startsWith(`${name}{`) || line.startsWith(`${name} `)) {
      const value = Number(line.slice(line.lastIndexOf(' ') + 1));
      if (Number.isFinite(value)) sum += value;
    }
  }
  return sum;
}

/**
 * What the operations page shows of the gateway, which runs in other processes: the updates it
 * published (from its /metrics) and its latest warnings and errors, read from its admin listener.
 * Each replica counts its own, so every address of the gateway's host name is asked and the
 * answers are added up; a replica that does not answer is left out of that sample.
 */
export class GatewayWatch {
  private readonly resolve: (host: string) => Promise<string[]>;

  constructor(private readonly options: GatewayWatchOptions) {
    this.resolve = options.resolve ?? allAddresses;
  }

  /** The admin listener of each gateway replica. */
  private async replicas(): Promise<URL[]> {
    const base = new URL(this.options.url);
    const host = base.hostname.replace(/^\[|\]$/g, '');
    // An address, or this machine (localhost may name ::1 and 127.0.0.1: one gateway, not two).
    if (net.isIP(host) !== 0 || host === 'localhost') return [base];
    return (await this.resolve(host)).map((address) => {
      const url = new URL(base);
      url.hostname = net.isIPv6(address) ? `[${address}]` : address;
      return url;
    });
  }

  private async askAll(path: string): Promise<string[]> {
    const headers: Record<string, string> = this.options.token
      ? { authorization: `Bearer ${this.options.token}` }
      : {};
    const answers = await Promise.allSettled(
      (await this.replicas()).map(async (replica) => {
        const response = await fetch(new URL(path, replica), {
          headers,
          signal: AbortSignal.timeout(this.options.timeoutMs ?? 2_000),
        });
        if (!response.ok) throw new Error(`the gateway at ${replica.host} answered ${response.status}`);
        return response.text();
      }),
    );
    const texts = answers.flatMap((answer) => (answer.status === 'fulfilled' ? [answer.value] : []));
    if (texts.length === 0) {
      const reasons = answers.map((answer) =>
        answer.status === 'rejected' ? String((answer.reason as Error)?.message ?? answer.reason) : '',
      );
      throw new Error(`no gateway answered at ${this.options.url}: ${reasons.join('; ') || 'none found'}`);
    }
    return texts;
  }

  /** Updates published since each replica started, added up over the replicas. */
  async publishedTotal(): Promise<number> {
    const texts = await this.askAll('/metrics');
    return texts.reduce((sum, text) => sum + sumOfMetric(text, PUBLISHED_TOTAL), 0);
  }

  /** The latest warnings and errors of every replica, oldest first. */
  async recentLines(): Promise<RecentLine[]> {
    const texts = await this.askAll('/recent-lines');
    return texts
      .flatMap((text) => (JSON.parse(text) as { lines: RecentLine[] }).lines)
      .sort((a, b) => a.timestamp.localeCompare(b.timestamp));
  }
}
