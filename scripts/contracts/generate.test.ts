import { fileURLToPath } from 'node:url';
import { describe, expect, it } from '@jest/globals';
import { findStaleFiles, generateContracts } from './generate';

const root = fileURLToPath(new URL('../..', import.meta.url));

describe('pnpm gen', () => {
  it('has written exactly what the schemas produce now (run `pnpm gen` after changing a schema)', async () => {
    const files = await generateContracts(root);

    const stale = findStaleFiles(root, files);

    expect(stale).toEqual([]);
  }, 60_000);

  it('produces the same files on every run', async () => {
    const first = await generateContracts(root);

    const second = await generateContracts(root);

    expect(second).toEqual(first);
  }, 60_000);

  it('marks every generated file as generated', async () => {
    const files = await generateContracts(root);

    expect(
      files.filter((file) => !file.content.startsWith('// Generated from ')).map((file) => file.path),
    ).toEqual([]);
  }, 60_000);
});
