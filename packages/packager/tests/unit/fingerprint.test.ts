import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { beforeEach, describe, expect, it } from '@jest/globals';
import { fingerprintFiles, fingerprintService } from '../../src/fingerprint';

let root: string;
let serviceDir: string;

async function write(path: string, content: string): Promise<void> {
  await mkdir(join(root, path, '..'), { recursive: true });
  await writeFile(join(root, path), content);
}

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'spendwise-fingerprint-'));
  serviceDir = join(root, 'services/expenses');
  await write('services/expenses/serverless.yml', 'service: expenses\n');
  await write('services/expenses/package.json', '{}');
  await write('services/expenses/src/handler.ts', 'export const handler = 1;\n');
  await write('services/expenses/src/handler.test.ts', 'test\n');
  await write('services/expenses/tests/flow.int.test.ts', 'test\n');
  await write('services/expenses/resources/table.yml', 'Resources: {}\n');
  await write('services/expenses/node_modules/dep/index.js', 'dep\n');
  await write('services/expenses/.serverless/cloudformation-template-update-stack.json', '{}');
  await write('packages/contracts/src/index.ts', 'export {};\n');
  await write('packages/contracts/package.json', '{}');
  await write('packages/contracts/tests/x.test.ts', 'test\n');
  await write('events/expenses/ExpenseRecorded.v1.schema.json', '{}');
  await write('pnpm-lock.yaml', 'lockfileVersion: 9\n');
});

const input = () => ({ rootDir: root, serviceDir, stage: 'dev', region: 'eu-west-1', oslsVersion: '4.3.1' });

describe('fingerprintFiles', () => {
  it('covers the service sources, shared package sources, events and the lockfile, not tests or output', async () => {
    const files = (await fingerprintFiles(root, serviceDir)).map((f) => relative(root, f));

    expect(files).toEqual([
      'events/expenses/ExpenseRecorded.v1.schema.json',
      'packages/contracts/package.json',
      'packages/contracts/src/index.ts',
      'pnpm-lock.yaml',
      'services/expenses/package.json',
      'services/expenses/resources/table.yml',
      'services/expenses/serverless.yml',
      'services/expenses/src/handler.ts',
    ]);
  });
});

describe('fingerprintService', () => {
  it('is stable while nothing changes', async () => {
    expect(await fingerprintService(input())).toBe(await fingerprintService(input()));
  });

  it.each([
    ['a service source', 'services/expenses/src/handler.ts'],
    ['a resources file', 'services/expenses/resources/table.yml'],
    ['a shared package source', 'packages/contracts/src/index.ts'],
    ['an event schema', 'events/expenses/ExpenseRecorded.v1.schema.json'],
    ['the lockfile', 'pnpm-lock.yaml'],
  ])('changes when %s changes', async (_label, file) => {
    const before = await fingerprintService(input());

    await write(file, 'changed\n');

    expect(await fingerprintService(input())).not.toBe(before);
  });

  it('ignores tests, build output and the package lock', async () => {
    const before = await fingerprintService(input());

    await write('services/expenses/src/handler.test.ts', 'changed\n');
    await write('services/expenses/.serverless/cloudformation-template-update-stack.json', '{"x":1}');
    await write('services/expenses/.spendwise-package.lock', '4242');

    expect(await fingerprintService(input())).toBe(before);
  });

  it('changes with the stage, the region and the osls version', async () => {
    const base = await fingerprintService(input());

    const variants = await Promise.all([
      fingerprintService({ ...input(), stage: 'prod' }),
      fingerprintService({ ...input(), region: 'us-east-1' }),
      fingerprintService({ ...input(), oslsVersion: '4.4.0' }),
    ]);

    expect(new Set([base, ...variants]).size).toBe(4);
  });
});
