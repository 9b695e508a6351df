// Adds up the per-package counts the Jest reporter wrote and prints the one line CI reads.
// Exits non-zero when a test failed, no test ran, or an earlier step (given as argv[3]) failed.
const fs = require('node:fs');

const [file, earlierStatus = '0'] = process.argv.slice(2);
const lines = fs.existsSync(file) ? fs.readFileSync(file, 'utf8').split('\n').filter(Boolean) : [];
let passed = 0;
let failed = 0;
for (const line of lines) {
  const counts = JSON.parse(line);
  passed += counts.passed;
  failed += counts.failed;
}
if (earlierStatus !== '0' && failed === 0) failed = 1;
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 || passed === 0 ? 1 : 0);
