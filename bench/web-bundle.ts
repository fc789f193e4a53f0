/**
 * `pnpm bench:web`: the web app's shipped files, raw and gzip (level 9, what the edge and browsers use), with
 * the JavaScript loaded on first visit (the entry and what index.html preloads) apart from lazy chunks.
 * Builds the app first (`pnpm --filter @spendwise/web build`). Figures only: it asserts nothing.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const rootDir = fileURLToPath(new URL('..', import.meta.url));
const distDir = join(rootDir, 'apps/web/dist');

execFileSync('pnpm', ['--filter', '@spendwise/web', 'build'], { cwd: rootDir, stdio: 'ignore' });

const html = readFileSync(join(distDir, 'index.html'), 'utf8');
const initial = new Set([...html.matchAll(/(?:src|href)="\/assets\/([^"]+)"/g)].map((m) => m[1]));
const rows = readdirSync(join(distDir, 'assets'))
  .filter((file) => !file.endsWith('.map'))
  .map((file) => {
    const bytes = readFileSync(join(distDir, 'assets', file));
    return {
      file,
      raw: bytes.length,
      gzip: gzipSync(bytes, { level: 9 }).length,
      initial: initial.has(file),
    };
  })
  .sort((a, b) => b.gzip - a.gzip);

const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
const sum = (list: typeof rows, key: 'raw' | 'gzip') => list.reduce((s, r) => s + r[key], 0);
const js = rows.filter((r) => r.file.endsWith('.js'));
const width = Math.max(...rows.map((r) => r.file.length), 10);
console.log(`${'file'.padEnd(width)}  ${'raw'.padStart(9)}  ${'gzip'.padStart(9)}  loaded`);
for (const r of rows)
  console.log(
    `${r.file.padEnd(width)}  ${kb(r.raw).padStart(9)}  ${kb(r.gzip).padStart(9)}  ${r.initial ? 'first visit' : 'lazy'}`,
  );
console.log(`\nJavaScript, all: ${kb(sum(js, 'raw'))} raw, ${kb(sum(js, 'gzip'))} gzip`);
const first = js.filter((r) => r.initial);
console.log(`JavaScript, first visit: ${kb(sum(first, 'raw'))} raw, ${kb(sum(first, 'gzip'))} gzip`);
console.log(
  `CSS, all: ${kb(
    sum(
      rows.filter((r) => r.file.endsWith('.css')),
      'gzip',
    ),
  )} gzip`,
);
