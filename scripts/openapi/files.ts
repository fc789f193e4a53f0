import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { GeneratedFile, StaleFile } from '../contracts/generate';

/** Files of `dir` (which the generator owns whole) that differ from `files`, are missing, or are left over. */
export function staleFiles(root: string, dir: string, files: readonly GeneratedFile[]): StaleFile[] {
  const stale: StaleFile[] = [];
  for (const { path, content } of files) {
    const full = join(root, path);
    if (!existsSync(full)) stale.push({ path, problem: 'missing' });
    else if (readFileSync(full, 'utf8') !== content) stale.push({ path, problem: 'outdated' });
  }
  const expected = new Set(files.map((file) => file.path));
  for (const name of existsSync(join(root, dir)) ? readdirSync(join(root, dir)) : []) {
    if (!expected.has(`${dir}/${name}`)) stale.push({ path: `${dir}/${name}`, problem: 'unexpected' });
  }
  return stale;
}

/** Writes what changed in `dir`, removes what nothing produces; returns the paths that changed. */
export function writeGeneratedFiles(root: string, dir: string, files: readonly GeneratedFile[]): string[] {
  const stale = staleFiles(root, dir, files);
  for (const { path, problem } of stale) {
    const full = join(root, path);
    if (problem === 'unexpected') rmSync(full, { recursive: true });
    else {
      mkdirSync(dirname(full), { recursive: true });
      writeFileSync(full, files.find((file) => file.path === path)!.content);
    }
  }
  return stale.map((file) => file.path);
}
