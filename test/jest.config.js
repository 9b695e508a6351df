const preset = require('../jest.preset.js');

module.exports = preset(__dirname, {
  testMatch: ['<rootDir>/{integration,e2e,deploy}/**/*.test.ts'],
  globalSetup: '<rootDir>/support/global-setup.ts',
  globalTeardown: '<rootDir>/support/global-teardown.ts',
  testTimeout: 60_000,
  // Client libraries keep timers after close (rate-limiter-flexible's in-memory expiry, for one);
  // the suites close what they open, so do not wait a minute for those timers.
  forceExit: true,
});
