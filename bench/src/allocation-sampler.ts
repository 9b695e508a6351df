import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';
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
    if (!error) writeFileSync(path.join(dir, `${process.pid}.heapprofile`), JSON.stringify(result.profile));
  });
}
process.on('SIGTERM', () => {
  write();
  process.exit(0);
});
process.on('exit', write);
