// Appends one JSON line of counts per Jest run to $TEST_SUMMARY_FILE, so .ci/run can add up the
// results of every workspace package and database without reading Jest's human summary.
const fs = require('node:fs');

class JestSummaryReporter {
  onRunComplete(_contexts, results) {
    const file = process.env.TEST_SUMMARY_FILE;
    if (!file) return;
    const failedSuites = results.numRuntimeErrorTestSuites ?? 0;
    const line = {
      cwd: process.cwd(),
      passed: results.numPassedTests,
      failed: results.numFailedTests + failedSuites,
      skipped: results.numPendingTests + results.numTodoTests,
    };
    fs.appendFileSync(file, `${JSON.stringify(line)}\n`);
  }
}

module.exports = JestSummaryReporter;
