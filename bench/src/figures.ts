// Every figure the bench reports: what it is, its unit, and the target where the issue sets one.

export interface Target {
  op: '>=' | '<=';
  value: number;
}

export interface Figure {
  id: string;
  scenario: 1 | 2 | 3 | 4 | 5;
  label: string;
  unit: string;
  target?: Target;
}

const figure = (
  scenario: Figure['scenario'],
  id: string,
  label: string,
  unit: string,
  target?: Target,
): Figure => ({ id, scenario, label, unit, ...(target ? { target } : {}) });

export const FIGURES: Figure[] = [
  figure(1, 'gw.rps', 'Gateway: webhook requests answered 200 per second', 'req/s'),
  figure(1, 'bare.rps', 'Bare Express (ceiling): requests per second', 'req/s'),
  figure(1, 'plain.rps', 'Plain gateway (reference, plain-gateway.ts): requests per second', 'req/s'),
  figure(1, 'gw.plain.ratio', 'Gateway throughput / plain gateway throughput', '×', { op: '>=', value: 1.2 }),
  figure(1, 'gw.ratio', 'Gateway throughput / bare throughput', '×'),
  figure(1, 'gw.p50', 'Gateway: latency p50', 'ms'),
  figure(1, 'gw.p99', 'Gateway: latency p99', 'ms'),
  figure(1, 'bare.p50', 'Bare Express: latency p50', 'ms'),
  figure(1, 'bare.p99', 'Bare Express: latency p99', 'ms'),
  figure(1, 'plain.p99', 'Plain gateway: latency p99', 'ms'),
  figure(1, 'gw.p99ratio', 'Gateway p99 / bare p99', '×'),
  figure(1, 'gw.cpu', 'Gateway: CPU per request, the gateway process', 'ms', { op: '<=', value: 0.2 }),
  figure(1, 'plain.cpu', 'Plain gateway: CPU per request, its process', 'ms'),
  figure(1, 'gw.cpu.servers', 'Gateway: CPU per request, RabbitMQ and Redis', 'ms'),
  figure(1, 'gw.cpu.machine', 'Gateway: CPU per request, the whole machine', 'ms'),
  figure(1, 'bare.cpu', 'Bare Express: CPU per request, its process', 'ms'),
  figure(1, 'bare.cpu.machine', 'Bare Express: CPU per request, the whole machine', 'ms'),
  figure(1, 'gw.unbacked', 'Gateway: 200s without the update on a queue', 'updates', { op: '<=', value: 0 }),
  figure(2, 'e2e.ups', 'End to end: updates/s from webhook to reply, sustained', 'updates/s', {
    op: '>=',
    value: 1000,
  }),
  figure(2, 'e2e.lost', 'End to end: updates without a reply (sustained runs)', 'updates', {
    op: '<=',
    value: 0,
  }),
  figure(2, 'e2e.p50', 'End to end at 200 updates/s: latency p50 (POST to reply)', 'ms', {
    op: '<=',
    value: 20,
  }),
  figure(2, 'e2e.p99', 'End to end at 200 updates/s: latency p99 (POST to reply)', 'ms'),
  figure(2, 'e2e.ack.p99', 'End to end at 200 updates/s: webhook answer p99', 'ms'),
  figure(2, 'e2e.low.p50', 'End to end at 20 updates/s: latency p50 (the path without queueing)', 'ms'),
  figure(2, 'e2e.low.p99', 'End to end at 20 updates/s: latency p99', 'ms'),
  figure(2, 'cpu.gateway', 'Updates per CPU-second: gateway', 'updates/CPU-s'),
  // Issue 20's CPU per update as updates per CPU-second: 0.6 ms, 0.35 ms, 0.25 ms.
  figure(2, 'cpu.command', 'Updates per CPU-second: command worker', 'updates/CPU-s', {
    op: '>=',
    value: 1667,
  }),
  figure(2, 'cpu.postgres', 'Updates per CPU-second: PostgreSQL', 'updates/CPU-s', { op: '>=', value: 2858 }),
  figure(2, 'cpu.rabbitmq', 'Updates per CPU-second: RabbitMQ', 'updates/CPU-s', { op: '>=', value: 4000 }),
  figure(2, 'cpu.redis', 'Updates per CPU-second: Redis', 'updates/CPU-s'),
  figure(2, 'cpu.bench', 'Updates per CPU-second: load generator and fake Bot API', 'updates/CPU-s'),
  figure(2, 'cpu.machine', 'Updates per CPU-second: the whole machine (every process)', 'updates/CPU-s'),
  // 1.5 ms per update for the system, the load generator and the fake Bot API left out.
  figure(
    2,
    'cpu.system',
    'Updates per CPU-second: the whole machine without the load generator',
    'updates/CPU-s',
    {
      op: '>=',
      value: 667,
    },
  ),
  figure(3, 'sync.ups', 'Synchronous "before": updates/s (answered = handled)', 'updates/s'),
  figure(3, 'ours.ups', 'Ours: updates/s handled (to the last reply)', 'updates/s'),
  figure(3, 'ours.ack.rps', 'Ours: webhook answers per second', 'req/s'),
  figure(3, 's3.ratio', 'Ours handled / synchronous throughput', '×', { op: '>=', value: 5 }),
  figure(3, 'sync.ack.p50', 'Synchronous: webhook answer p50', 'ms'),
  figure(3, 'sync.ack.p99', 'Synchronous: webhook answer p99', 'ms'),
  figure(3, 'ours.ack.p50', 'Ours: webhook answer p50', 'ms'),
  figure(3, 'ours.ack.p99', 'Ours: webhook answer p99', 'ms'),
  figure(3, 's3.ackratio', 'Ours answer p99 / synchronous answer p99', '×', { op: '<=', value: 0.1 }),
  figure(4, 'cache.cold.queries', '/tasks with a cold cache: SQL statements', 'queries'),
  figure(4, 'cache.warm.queries', '/tasks with a warm cache: SQL statements', 'queries'),
  figure(4, 'cache.cold.ref', '/tasks cold: of them on projects', 'queries'),
  figure(4, 'cache.warm.ref', '/tasks warm: of them on projects', 'queries'),
  figure(4, 'add.queries', '/add into a known chat and project: SQL statements (for sizing)', 'queries'),
  figure(4, 'cache.cold.ms', '/tasks with a cold cache: handling time', 'ms'),
  figure(4, 'cache.warm.ms', '/tasks with a warm cache: handling time', 'ms'),
  figure(5, 'scale1.ups', 'End to end, 1 replica of each worker', 'updates/s'),
  figure(5, 'scale2.ups', 'End to end, 2 replicas of each worker', 'updates/s'),
  figure(5, 'scale.ratio', '2 replicas / 1 replica', '×'),
  figure(5, 'rss.gateway', 'Peak RSS: gateway', 'MB', { op: '<=', value: 150 }),
  figure(5, 'rss.command', 'Peak RSS: command worker (highest replica)', 'MB', { op: '<=', value: 150 }),
  figure(5, 'rss.callback', 'Peak RSS: callback worker (highest replica)', 'MB', { op: '<=', value: 150 }),
];

export const SCENARIO_TITLES: Record<Figure['scenario'], string> = {
  1: 'Gateway against a plain gateway and a bare Express app',
  2: 'End to end',
  3: 'Against the synchronous way',
  4: 'Cache: /tasks cold and warm',
  5: 'Scale-out and memory',
};

export function meets(target: Target, value: number): boolean {
  return target.op === '>=' ? value >= target.value : value <= target.value;
}

/** Per-run values of each figure, in the order the runs happened. */
export class Recorder {
  readonly runs: Record<string, number[]> = {};

  add(id: string, value: number): void {
    if (!FIGURES.some((figure) => figure.id === id)) throw new Error(`unknown figure ${id}`);
    this.runs[id] ??= [];
    this.runs[id].push(value);
  }
}
