import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { initCode } from './initCode';

describe('initCode', () => {
  let dir: string;
  const files: Record<string, string> = {
    // A split handler as esbuild writes it (minified): static imports of shared chunks, import() of a lazy one.
    'handler.mjs':
      'import{a as b}from"./handler.chunk-A.mjs";import"./handler.chunk-D.mjs";export const handler=async()=>(await import("./handler.esm-C.mjs")).t(b);',
    'handler.chunk-A.mjs': 'import{c}from"./handler.chunk-B.mjs";export const a=c;',
    'handler.chunk-B.mjs': 'export const c=1;',
    'handler.chunk-D.mjs': 'globalThis.d=1;',
    'handler.esm-C.mjs': 'import{a}from"./handler.chunk-A.mjs";export const t=(x)=>x+a;',
  };
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'spendwise-init-code-'));
    await Promise.all(Object.entries(files).map(([name, code]) => writeFile(join(dir, name), code)));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('counts the module and what it imports statically, transitively, once each, not what it loads with import()', () => {
    const { files: read, bytes } = initCode(join(dir, 'handler.mjs'), dir);

    expect(read.sort()).toEqual([
      'handler.chunk-A.mjs',
      'handler.chunk-B.mjs',
      'handler.chunk-D.mjs',
      'handler.mjs',
    ]);
    expect(bytes).toBe(
      ['handler.mjs', 'handler.chunk-A.mjs', 'handler.chunk-B.mjs', 'handler.chunk-D.mjs'].reduce(
        (sum, name) => sum + Buffer.byteLength(files[name]!),
        0,
      ),
    );
  });
});
