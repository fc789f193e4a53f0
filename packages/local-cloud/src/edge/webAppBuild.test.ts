import { mkdirSync, mkdtempSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { ensureWebAppBuilt } from './webAppBuild';

/** A repository with a web app whose "vite" counts its builds into dist/index.html. */
function repoWithApp(): { root: string; app: string; builds: () => number } {
  const root = mkdtempSync(join(tmpdir(), 'spendwise-web-build-'));
  const app = join(root, 'apps/web');
  mkdirSync(join(app, 'src'), { recursive: true });
  mkdirSync(join(app, 'node_modules/vite/bin'), { recursive: true });
  writeFileSync(join(app, 'package.json'), '{"name":"@spendwise/web"}');
  writeFileSync(join(app, 'index.html'), '<!doctype html>');
  writeFileSync(join(app, 'src/main.tsx'), 'export {};');
  writeFileSync(
    join(app, 'node_modules/vite/package.json'),
    JSON.stringify({
      name: 'vite',
      version: '0.0.0',
      bin: { vite: 'bin/vite.js' },
      exports: { '.': './index.js', './package.json': './package.json' },
    }),
  );
  writeFileSync(
    join(app, 'node_modules/vite/bin/vite.js'),
    `const fs = require('node:fs');
     fs.mkdirSync('dist', { recursive: true });
     const n = fs.existsSync('dist/index.html') ? Number(fs.readFileSync('dist/index.html', 'utf8')) : 0;
     if (fs.existsSync('src/broken')) { console.error('syntax error in src/main.tsx'); process.exit(1); }
     fs.writeFileSync('dist/index.html', String(n + 1));`,
  );
  const builds = () => Number(readFileSync(join(app, 'dist/index.html'), 'utf8'));
  return { root, app, builds };
}

describe('ensureWebAppBuilt', () => {
  it('builds a web app that has no build yet', async () => {
    const { root, builds } = repoWithApp();

    expect(await ensureWebAppBuilt(root)).toBe('built');
    expect(builds()).toBe(1);
  });

  it('leaves a build newer than every source alone, and builds again once a source changes', async () => {
    const { root, app, builds } = repoWithApp();
    await ensureWebAppBuilt(root);

    expect(await ensureWebAppBuilt(root)).toBe('up to date');
    const later = new Date(Date.now() + 60_000);
    utimesSync(join(app, 'src/main.tsx'), later, later);
    expect(await ensureWebAppBuilt(root)).toBe('built');
    expect(builds()).toBe(2);
  });

  it('says so when the repository has no web app', async () => {
    const root = mkdtempSync(join(tmpdir(), 'spendwise-web-build-'));

    expect(await ensureWebAppBuilt(root)).toBe('no web app');
  });

  it("fails with the build's own message", async () => {
    const { root, app } = repoWithApp();
    writeFileSync(join(app, 'src/broken'), '');

    await expect(ensureWebAppBuilt(root)).rejects.toThrow(/Building the web app failed[\s\S]*syntax error/);
  });
});
