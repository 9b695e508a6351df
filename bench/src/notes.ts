import { FIXED_RATE } from './scenario-e2e';
import { BOT_API_LATENCY_MS, TELEGRAM_CONNECTIONS } from './scenario-sync';
import { formatNumber } from './stats';

// What holds a missed target back and what would move it, shown under the table for each target a
// run missed. The reasoning is fixed; every figure in it is the run's own (medians), so the text
// says what this run measured.

export interface NoteInputs {
  /** The median of a figure of this run, undefined when it was not measured. */
  median(id: string): number | undefined;
  cores: number;
}

const n = (value: number) => formatNumber(value);
/** CPU milliseconds per update from updates per CPU-second. */
const msPer = (perCpuSecond: number) => n(1000 / perCpuSecond);

const SHARED =
  'Every process here (the gateway, both workers, PostgreSQL, RabbitMQ, Redis, the fake Bot API and the load generator) shares the same cores, so each waits for a core at every step.';

/** Where an update's CPU goes, from the end-to-end runs (scenario 2); empty when not measured. */
function cpuSplit(inputs: NoteInputs): string {
  const machine = inputs.median('cpu.machine');
  if (machine === undefined) return '';
  const parts: Array<[string, string]> = [
    ['cpu.command', 'command worker'],
    ['cpu.postgres', 'PostgreSQL'],
    ['cpu.gateway', 'gateway'],
    ['cpu.rabbitmq', 'RabbitMQ'],
    ['cpu.redis', 'Redis'],
    ['cpu.bench', 'load generator and fake Bot API'],
  ];
  const known = parts.flatMap(([id, name]) => {
    const value = inputs.median(id);
    return value === undefined ? [] : [`${name} ${msPer(value)} ms`];
  });
  return `The whole machine spent ${msPer(machine)} ms of CPU per update end to end (${n(machine)} updates per CPU-second, every process counted): ${known.join(', ')}; the rest is the callback worker, the kernel and anything else that ran.`;
}

type Note = (inputs: NoteInputs) => string;

const NOTES: Record<string, Note> = {
  'gw.plain.ratio': (inputs) => {
    const gateway = inputs.median('gw.cpu');
    const plain = inputs.median('plain.cpu');
    const servers = inputs.median('gw.cpu.servers');
    const measured =
      gateway !== undefined && plain !== undefined && servers !== undefined
        ? `Per request answered, the gateway process spent ${n(gateway)} ms of CPU against ${n(plain)} ms for the plain gateway, and RabbitMQ and Redis ${n(servers)} ms for either: the servers' share is the same for both, so it bounds how far ahead the gateway's own code can put it. `
        : '';
    return (
      'Both do the same work: parse the update, count it against the per-user limit in Redis, publish it as a persistent message and answer once RabbitMQ confirmed it. ' +
      measured +
      `${SHARED} What would move it: less CPU of the gateway's own per request (validation, the limit check, the publish), and RabbitMQ and Redis on cores of their own.`
    );
  },
  'gw.cpu': () =>
    "The gateway's own CPU per request: Express's routing and JSON parser, the schema check of the update, the per-user limit (a Redis script run) and the confirmed publish (amqplib's frame encoding). What would move it: a body parser and router that do less per request, and the limit counted without a script run per update.",
  'gw.p99ratio': () =>
    `The tail is the broker's confirm: RabbitMQ confirms a persistent message after its batched disk write, and here the broker waits for a core as well. ${SHARED} The same moves as for throughput apply.`,
  'e2e.ups': (inputs) => {
    const machine = inputs.median('cpu.machine');
    const split = cpuSplit(inputs);
    const sizing =
      machine === undefined
        ? ''
        : ` At that cost 1,000 updates/s needs about ${n(1000 / machine)} busy cores; this machine has ${inputs.cores}, a ceiling of about ${n(inputs.cores * machine)} updates/s, which is what the sustained runs reached.`;
    return (
      `${`${split}${sizing}`.trim()} `.trimStart() +
      "What would move it: cores, since every part scales out (worker replicas up to QUEUE_PARTITIONS, gateway replicas, PostgreSQL and RabbitMQ on machines of their own; see SCALING.md), and less CPU per update in the command worker, the largest part: its CPU profile (BENCH_PROFILE=1) shows the Redis, PostgreSQL, broker and Bot API round trips (about 0.37 ms of it through these clients: node bench/dist/client-floor.js), garbage collection (the image's heap limits keep the young generation small, trading some CPU for memory) and the bot's own work between the round trips (telegraf's context and routing, the view, logging) as the largest items left."
    );
  },
  'e2e.p50': (inputs) => {
    const sustained = inputs.median('e2e.ups');
    const low = inputs.median('e2e.low.p50');
    const lowText =
      low === undefined
        ? ''
        : ` At 20 updates/s, with no queue in front of any step, the p50 is ${n(low)} ms: that is the path itself (webhook, broker, worker, PostgreSQL, Redis, the Bot API call).`;
    if (sustained !== undefined && sustained < FIXED_RATE) {
      return `${FIXED_RATE} updates/s is above what this machine sustained (${n(sustained)}/s), so updates wait in the queue and the latency measures the backlog, not the path.${lowText} What would move it: the throughput (see the sustained figure).`;
    }
    return `${FIXED_RATE} updates/s is ${sustained === undefined ? 'a large share' : `${n((FIXED_RATE / sustained) * 100)} %`} of what this machine sustained, so every step waits for a busy core now and then.${lowText} ${SHARED} What would move it: spare cores (the throughput above ${FIXED_RATE}/s by a wide margin).`;
  },
  's3.ratio': (inputs) => {
    const sync = inputs.median('sync.ups');
    const ours = inputs.median('ours.ups');
    const machine = inputs.median('cpu.machine');
    const ceiling = TELEGRAM_CONNECTIONS / (BOT_API_LATENCY_MS / 1000);
    const needed =
      sync !== undefined && machine !== undefined
        ? ` Five times the synchronous figure, ${n(5 * sync)} updates/s, takes ours about ${n((5 * sync) / machine)} busy cores at the CPU per update measured in scenario 2.`
        : '';
    return (
      `Both were held by the CPU of this machine, not by their design: the synchronous process handled ${sync === undefined ? 'what it could' : `${n(sync)}/s`}, below its ceiling of ${TELEGRAM_CONNECTIONS} connections / ${BOT_API_LATENCY_MS} ms = ${n(ceiling)}/s, and ours ${ours === undefined ? 'what it could' : `${n(ours)}/s`}, the machine's ceiling for our pipeline. ` +
      'Ours spends more CPU per update (the gateway, the broker, and the checks that keep every update and reply exactly once), so on the same cores it cannot handle five times as many. ' +
      `The difference the design makes shows once the CPU is not the limit: the synchronous process never passes ${n(ceiling)} updates/s however many cores it gets, since each of Telegram's ${TELEGRAM_CONNECTIONS} connections waits for the Bot API, while ours keeps WORKER_PREFETCH updates per replica in flight and grows with replicas.${needed}`
    );
  },
  's3.ackratio': (inputs) => {
    const ours = inputs.median('ours.ack.p99');
    const sync = inputs.median('sync.ack.p99');
    const alone = inputs.median('gw.p99');
    return (
      `Our answer p99${ours === undefined ? '' : ` (${n(ours)} ms)`} is the gateway waiting for a core: the workers handle the same batch on the same cores at the same time${alone === undefined ? '' : `, while the gateway alone (scenario 1, 50 connections) answers at p99 ${n(alone)} ms`}. ` +
      `The synchronous answer${sync === undefined ? '' : ` (${n(sync)} ms)`} holds the Bot API's ${BOT_API_LATENCY_MS} ms and the handling. What would move it: the gateway on cores of its own, as in any deployment (its own Deployment in Kubernetes), so the workers' load does not reach the webhook's answer.`
    );
  },
};

/** The CPU targets of each part (issue 20): where the update's CPU goes, and what is left. */
const cpuNote: Note = (inputs) =>
  `${cpuSplit(inputs)} The command worker's flame graphs (bench/results/flame-command-worker-*.svg) and SCALING.md name the largest frames and what each change took off; what is left is mostly the round trips an update needs (about 0.37 ms through the workers' clients: node bench/dist/client-floor.js), garbage collection and telegraf's per-update work.`.trim();

for (const id of ['cpu.command', 'cpu.postgres', 'cpu.rabbitmq', 'cpu.system']) NOTES[id] = cpuNote;

const memoryNote: Note = () =>
  'The heap limits of the service image (NODE_OPTIONS in docker/Dockerfile) were in force. What would move it: a lower WORKER_PREFETCH (fewer updates in flight per replica, more replicas), a smaller young generation (--max-semi-space-size, at some CPU for more collections), and a heap snapshot under load to see what stays live.';

for (const id of ['rss.gateway', 'rss.command', 'rss.callback']) NOTES[id] = memoryNote;

/** The note for a missed target, or undefined when there is none for it. */
export function missedTargetNote(id: string, inputs: NoteInputs): string | undefined {
  return NOTES[id]?.(inputs);
}
