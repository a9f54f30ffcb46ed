/**
 * `npm run test:faults`: each spec starts a whole system of its own (test/faults/support/fault-stack.ts) and kills,
 * stops and restarts its parts, so these specs share nothing with the main run and never run beside it.
 */
const path = require('node:path');

process.env.TEST_STACK_FILE ??= path.join(__dirname, 'test', `.fault-stack-${process.pid}.json`);

module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test/faults'],
  testMatch: ['**/*.spec.ts'],
  transform: { '^.+\\.ts$': 'ts-jest' },
  globalSetup: '<rootDir>/test/faults/support/global-setup.ts',
  testTimeout: 240000,
  verbose: true,
};
