import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

// `node bench/dist/flame.js <file.cpuprofile> <out.svg> [title]`: a V8 CPU profile (BENCH_PROFILE=1)
// as a flame graph SVG, and the frames with the most time of their own printed as a table. Idle
// time is left out: the graph is where the CPU went.

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
}

interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
}

export interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** One frame of the merged call tree, with the CPU time (ms) spent in it and below it. */
export interface Frame {
  name: string;
  selfMs: number;
  totalMs: number;
  children: Frame[];
}

/** Where a frame's code lives: our packages, a dependency, Node itself, or V8's own bookkeeping. */
export function frameName(frame: CallFrame): string {
  const fn = frame.functionName || '(anonymous)';
  if (!frame.url) return fn;
  const url = frame.url.replace(/^file:\/\//, '');
  const dependency = /node_modules\/(?:\.pnpm\/[^/]+\/node_modules\/)?((?:@[^/]+\/)?[^/]+)\/(.*)$/.exec(url);
  if (dependency) return `${fn} ${dependency[1]}/${dependency[2]}:${frame.lineNumber + 1}`;
  const ours = /\/((?:packages|apps)\/[^/]+\/.*)$/.exec(url);
  if (ours) return `${fn} ${ours[1]}:${frame.lineNumber + 1}`;
  return `${fn} ${path.basename(url)}:${frame.lineNumber + 1}`;
}

const IDLE = '(idle)';

/** The profile's call tree with each node's sampled time, idle left out. */
export function callTree(profile: CpuProfile): Frame {
  const selfMs = new Map<number, number>();
  // timeDeltas[i] is the time before sample i: it is spent in the node of sample i - 1.
  for (let i = 1; i < profile.samples.length; i += 1) {
    const id = profile.samples[i - 1] as number;
    selfMs.set(id, (selfMs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
  }
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const build = (node: ProfileNode): Frame => {
    const children = (node.children ?? [])
      .map((id) => byId.get(id))
      .filter((child): child is ProfileNode => child !== undefined && child.callFrame.functionName !== IDLE)
      .map(build);
    const own = selfMs.get(node.id) ?? 0;
    return {
      name: frameName(node.callFrame),
      selfMs: own,
      totalMs: own + children.reduce((sum, child) => sum + child.totalMs, 0),
      children: children.sort((a, b) => a.name.localeCompare(b.name)),
    };
  };
  const root = profile.nodes[0];
  if (!root) throw new Error('the profile has no nodes');
  return { ...build(root), name: 'all CPU time' };
}

/** Time per frame name over the whole tree: its own time, and the time with its callees (once per stack). */
export function topFrames(
  root: Frame,
  count: number,
): Array<{ name: string; selfMs: number; totalMs: number }> {
  const self = new Map<string, number>();
  const total = new Map<string, number>();
  const walk = (frame: Frame, onStack: Set<string>) => {
    self.set(frame.name, (self.get(frame.name) ?? 0) + frame.selfMs);
    const outermost = !onStack.has(frame.name);
    if (outermost) total.set(frame.name, (total.get(frame.name) ?? 0) + frame.totalMs);
    onStack.add(frame.name);
    for (const child of frame.children) walk(child, onStack);
    if (outermost) onStack.delete(frame.name);
  };
  for (const child of root.children) walk(child, new Set());
  return [...self.entries()]
    .map(([name, selfMs]) => ({ name, selfMs, totalMs: total.get(name) ?? selfMs }))
    .sort((a, b) => b.selfMs - a.selfMs)
    .slice(0, count);
}

const WIDTH = 1200;
const ROW = 16;

function colour(name: string): string {
  if (name.startsWith('(garbage collector)')) return '#e05050';
  if (name.startsWith('(')) return '#b0b0b0';
  if (/ (packages|apps)\//.test(name)) return '#f0a030';
  const where = name.slice(name.lastIndexOf(' ') + 1);
  // Node's own code (emit node:events:471, Module._load loader:1003).
  if (!where.includes('/')) return '#80a8d8';
  let hash = 0;
  for (const char of where) hash = (hash * 31 + char.charCodeAt(0)) % 360;
  return `hsl(${20 + (hash % 40)}, 70%, ${55 + (hash % 15)}%)`;
}

const escapeXml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** The flame graph: the root at the bottom, each frame as wide as its share of the CPU time. */
export function renderFlameGraph(root: Frame, title: string): string {
  const rects: string[] = [];
  let depth = 0;
  const scale = WIDTH / Math.max(root.totalMs, 1e-9);
  const place = (frame: Frame, x: number, level: number) => {
    const width = frame.totalMs * scale;
    if (width < 0.3) return;
    depth = Math.max(depth, level);
    const share = ((100 * frame.totalMs) / root.totalMs).toFixed(1);
    const label = width > 30 ? escapeXml(frame.name.slice(0, Math.floor(width / 6.5))) : '';
    rects.push(
      `<g><title>${escapeXml(frame.name)}: ${frame.totalMs.toFixed(0)} ms (${share} %), own ${frame.selfMs.toFixed(0)} ms</title>` +
        `<rect x="${x.toFixed(2)}" y="LEVEL${level}" width="${width.toFixed(2)}" height="${ROW - 1}" fill="${colour(frame.name)}"/>` +
        (label ? `<text x="${(x + 3).toFixed(2)}" y="TEXT${level}">${label}</text>` : '') +
        '</g>',
    );
    let childX = x;
    for (const child of frame.children) {
      place(child, childX, level + 1);
      childX += child.totalMs * scale;
    }
  };
  place(root, 0, 0);
  const height = (depth + 1) * ROW + 40;
  const body = rects
    .join('\n')
    .replace(/LEVEL(\d+)/g, (_, level) => String(height - 10 - (Number(level) + 1) * ROW))
    .replace(/TEXT(\d+)/g, (_, level) => String(height - 10 - Number(level) * ROW - 4));
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" font-family="monospace" font-size="11">`,
    `<rect width="100%" height="100%" fill="#fffaf0"/>`,
    `<text x="4" y="16" font-size="14">${escapeXml(title)} (${root.totalMs.toFixed(0)} ms of CPU sampled; hover a frame for its time)</text>`,
    body,
    '</svg>',
    '',
  ].join('\n');
}

function main(argv: string[]): number {
  const [input, output, title] = argv;
  if (!input || !output) {
    console.error('usage: node bench/dist/flame.js <file.cpuprofile> <out.svg> [title]');
    return 2;
  }
  const tree = callTree(JSON.parse(readFileSync(input, 'utf8')) as CpuProfile);
  writeFileSync(output, renderFlameGraph(tree, title ?? path.basename(input)));
  console.log(`| frame | own ms | own % | with callees % |\n|---|---:|---:|---:|`);
  for (const frame of topFrames(tree, 25)) {
    const share = (ms: number) => ((100 * ms) / tree.totalMs).toFixed(1);
    console.log(
      `| ${frame.name} | ${frame.selfMs.toFixed(0)} | ${share(frame.selfMs)} | ${share(frame.totalMs)} |`,
    );
  }
  return 0;
}

if (require.main === module) process.exitCode = main(process.argv.slice(2));
