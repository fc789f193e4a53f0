/** @jest-config-loader esbuild-register */
import type { Config } from 'jest';

// Sources are TypeScript ES modules; @swc/jest strips types and keeps ESM, and jest runs with
// --experimental-vm-modules (see the `test` script) because middy and jose ship ESM only.
const transform: Config['transform'] = {
  '^.+\\.ts$': [
    '@swc/jest',
    {
      jsc: { parser: { syntax: 'typescript' }, target: 'es2022' },
      module: { type: 'es6' },
    },
  ],
};

const shared = {
  transform,
  extensionsToTreatAsEsm: ['.ts'],
  testEnvironment: 'node',
  moduleFileExtensions: ['ts', 'js', 'json'],
  testPathIgnorePatterns: ['/node_modules/', '/.serverless/', '/.esbuild/'],
  setupFiles: ['<rootDir>/packages/test-kit/src/jestEnvironment.ts'],
} satisfies Partial<Config>;

const config: Config = {
  // A global option (jest ignores it inside projects): integration tests start JVMs, workers and servers.
  testTimeout: 60_000,
  reporters: ['default', '<rootDir>/packages/test-kit/src/summaryReporter.cjs'],
  projects: [
    {
      ...shared,
      displayName: 'unit',
      testMatch: ['<rootDir>/{packages,services,scripts,events,apps,bench}/**/*.test.ts'],
      testPathIgnorePatterns: [...shared.testPathIgnorePatterns, '\\.int\\.test\\.ts$'],
    },
    {
      ...shared,
      displayName: 'integration',
      testMatch: ['<rootDir>/{packages,services,scripts,tests,apps}/**/*.int.test.ts'],
      globalSetup: '<rootDir>/packages/test-kit/src/jestGlobalSetup.ts',
      globalTeardown: '<rootDir>/packages/test-kit/src/jestGlobalTeardown.ts',
    },
  ],
};

export default config;
