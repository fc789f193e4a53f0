import { readFileSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import { parse } from 'yaml';

/**
 * Every Lambda bundle carries the AWS SDK's core once per version the lockfile resolves: two clients on different
 * cores (a DynamoDB client and a newer Secrets Manager one, say) put both in every function, about 130 KB each.
 * `pnpm dedupe` brings them back to one.
 */
const lockfile = parse(readFileSync(new URL('../pnpm-lock.yaml', import.meta.url), 'utf8')) as {
  packages: Record<string, unknown>;
};
const versionsOf = (name: string) =>
  Object.keys(lockfile.packages)
    .filter((key) => key.startsWith(`${name}@`))
    .map((key) => key.slice(name.length + 1));

describe('the lockfile', () => {
  it.each(['@aws-sdk/core', '@smithy/core'])(
    'resolves one version of %s, shared by every AWS SDK client the functions bundle',
    (name) => {
      expect(versionsOf(name)).toHaveLength(1);
    },
  );
});
