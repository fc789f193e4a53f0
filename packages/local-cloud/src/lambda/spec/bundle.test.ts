import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { scratchDir } from '../testing/fixtureFunctions';
import { zipFiles } from '../testing/zipFiles';
import { BundleNotFoundError, extractBundle } from './bundle';

describe('extractBundle', () => {
  it('extracts a zip once per content and again when it changes', async () => {
    const dir = await scratchDir('bundle');
    const zip = join(dir, 'fn.zip');
    const target = join(dir, 'out');
    await writeFile(zip, zipFiles({ 'src/handler.mjs': 'v1', 'src/lib/a.js': 'a' }));

    const first = await extractBundle(zip, target);
    await writeFile(join(target, 'src/handler.mjs'), 'touched');
    const again = await extractBundle(zip, target);
    const afterReuse = await readFile(join(target, 'src/handler.mjs'), 'utf8');
    await writeFile(zip, zipFiles({ 'src/handler.mjs': 'v2' }));
    const changed = await extractBundle(zip, target);

    expect(again).toBe(first);
    expect(afterReuse).toBe('touched');
    expect(changed).not.toBe(first);
    await expect(readFile(join(target, 'src/handler.mjs'), 'utf8')).resolves.toBe('v2');
    await expect(readFile(join(target, 'src/lib/a.js'), 'utf8')).rejects.toThrow();
  });

  it('refuses a missing zip and an entry that escapes the folder', async () => {
    const dir = await scratchDir('bundle');
    await writeFile(join(dir, 'evil.zip'), zipFiles({ '../outside.js': 'x' }));

    await expect(extractBundle(join(dir, 'absent.zip'), join(dir, 'a'))).rejects.toThrow(BundleNotFoundError);
    await expect(extractBundle(join(dir, 'evil.zip'), join(dir, 'b'))).rejects.toThrow(
      /escapes|invalid relative path/,
    );
  });
});
