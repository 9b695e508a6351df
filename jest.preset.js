// One Jest setup for every workspace package. TypeScript is compiled by SWC (decorators included,
// for TypeORM entities), and imports of our own packages resolve to their sources, so unit tests
// run without a build.
const path = require('node:path');

module.exports = function preset(dir, overrides = {}) {
  return {
    rootDir: dir,
    testEnvironment: 'node',
    testMatch: ['<rootDir>/src/**/*.test.ts'],
    transform: {
      '^.+\\.ts$': [
        '@swc/jest',
        {
          jsc: {
            target: 'es2022',
            parser: { syntax: 'typescript', decorators: true },
            transform: { legacyDecorator: true, decoratorMetadata: true },
          },
          module: { type: 'commonjs' },
        },
      ],
    },
    moduleNameMapper: {
      // A library in packages/, or an app that others import from (apps/ops: its config schemas).
      '^@taskbot/([^/]+)/(.*)$': [
        path.join(__dirname, 'packages/$1/src/$2'),
        path.join(__dirname, 'apps/$1/src/$2'),
      ],
    },
    reporters: ['default', path.join(__dirname, 'scripts/jest-summary-reporter.js')],
    ...overrides,
  };
};
