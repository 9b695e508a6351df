const preset = require('../jest.preset.js');

module.exports = preset(__dirname, {
  testMatch: ['<rootDir>/{integration,e2e}/**/*.test.ts'],
  globalSetup: '<rootDir>/support/global-setup.ts',
  globalTeardown: '<rootDir>/support/global-teardown.ts',
  testTimeout: 60_000,
});
