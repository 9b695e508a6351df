import { closeSync, mkdirSync, openSync, writeSync } from 'node:fs';
import { type HeapProfiler, Session } from 'node:inspector';
import path from 'node:path';

// Preloaded into each service with BENCH_PROFILE=heap (`--require`): samples every allocation,
// collected garbage included (Node's own --heap-prof keeps only what is still alive at exit), and
// writes <dir>/<pid>.heapprofile when the process exits, for Chrome DevTools or flame.ts.

const dir = path.resolve(__dirname, '..', 'results', 'raw', 'profiles');
const session = new Session();
session.connect();
session.post('HeapProfiler.startSampling', {
  samplingInterval: 16_384,
  includeObjectsCollectedByMajorGC: true,
  includeObjectsCollectedByMinorGC: true,
});

let written = false;
function write(): void {
  if (written) return;
  written = true;
  session.post('HeapProfiler.stopSampling', (error, result) => {
    if (error) return;
    mkdirSync(dir, { recursive: true });
    const fd = openSync(path.join(dir, `${process.pid}.heapprofile`), 'w');
    try {
      writeSync(fd, '{"head":');
      writeNode(fd, result.profile.head);
      writeSync(fd, '}');
    } finally {
      closeSync(fd);
    }
  });
}

/**
 * Writes the tree node by node: one JSON.stringify of the whole profile needs a string larger than
 * the image's heap limit leaves room for.
 */
function writeNode(fd: number, node: HeapProfiler.SamplingHeapProfileNode): void {
  const { children, ...own } = node;
  writeSync(fd, `${JSON.stringify(own).slice(0, -1)},"children":[`);
  children.forEach((child, index) => {
    if (index > 0) writeSync(fd, ',');
    writeNode(fd, child);
  });
  writeSync(fd, ']}');
}
process.on('SIGTERM', () => {
  write();
  process.exit(0);
});
process.on('exit', write);
