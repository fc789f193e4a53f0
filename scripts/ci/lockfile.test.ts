import { describe, expect, it } from '@jest/globals';
import { stringify } from 'yaml';
import { lockfileChanges, resolvedClosure } from './lockfile';

const lock = (coreVersion: string, vitest = '3.0.0') => ({
  lockfileVersion: '9.0',
  importers: {
    'services/catalog': {
      dependencies: {
        '@x/lambda-kit': { specifier: 'workspace:*', version: 'link:../../packages/lambda-kit' },
        '@aws-sdk/client-sqs': { specifier: '^3', version: '3.1.0' },
      },
      devDependencies: { osls: { specifier: '4.3.1', version: '4.3.1' } },
    },
    'services/platform': { devDependencies: { osls: { specifier: '4.3.1', version: '4.3.1' } } },
    'packages/lambda-kit': {
      dependencies: { '@middy/core': { specifier: '^7', version: '7.9.2' } },
      // Test tooling of a library never reaches a service's bundle.
      devDependencies: { vitest: { specifier: '^3', version: vitest } },
    },
  },
  snapshots: {
    '@aws-sdk/client-sqs@3.1.0': { dependencies: { '@aws-sdk/core': coreVersion } },
    [`@aws-sdk/core@${coreVersion}`]: {},
    '@middy/core@7.9.2': {},
    'osls@4.3.1': {},
    [`vitest@${vitest}`]: {},
  },
});

describe('resolvedClosure', () => {
  it('follows dependencies, the service’s devDependencies and the runtime dependencies of linked libraries', () => {
    expect([...resolvedClosure(lock('3.9.0'), 'services/catalog')].sort()).toEqual([
      '@aws-sdk/client-sqs@3.1.0',
      '@aws-sdk/core@3.9.0',
      '@middy/core@7.9.2',
      'osls@4.3.1',
    ]);
  });
});

describe('lockfileChanges', () => {
  it('names the importers whose resolved packages changed, transitively', () => {
    const changes = lockfileChanges(stringify(lock('3.9.0')), stringify(lock('3.9.1')), [
      'services/catalog',
      'services/platform',
      'packages/lambda-kit',
    ]);

    expect([...changes]).toEqual([['services/catalog', { added: 1, removed: 1 }]]);
  });

  it("ignores a library's test tooling", () => {
    const changes = lockfileChanges(stringify(lock('3.9.0')), stringify(lock('3.9.0', '3.1.0')), [
      'services/catalog',
    ]);

    expect(changes.size).toBe(0);
  });
});
