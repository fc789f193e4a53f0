/**
 * Builds the web app (`apps/web`) that the local edge serves as its bucket, when its build is missing or older
 * than its sources: `pnpm start` and the browser test call it, so a fresh clone serves the app at once and a
 * changed page is served after the next start. Vite is run from the app's own dependencies with this process's
 * Node.js, so neither pnpm nor a shell is needed.
 */
import { execFile } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';

/** Where the web app lives in the repository, relative to its root. */
export const WEB_APP_DIR = 'apps/web';

/** The app's sources and what goes into its build: a change to any of them makes the build stale. */
const INPUTS = ['src', 'index.html', 'vite.config.ts', 'package.json', '../../packages/client/src'];

export type WebAppBuildResult = 'built' | 'up to date' | 'no web app';

/**
 * Runs `vite build` in `<rootDir>/apps/web` unless `dist/index.html` is newer than every input.
 *
 * @example
 * await ensureWebAppBuilt(rootDir, (line) => console.error(line));
 */
export async function ensureWebAppBuilt(
  rootDir: string,
  progress: (line: string) => void = () => {},
): Promise<WebAppBuildResult> {
  const appDir = join(rootDir, WEB_APP_DIR);
  if (!existsSync(join(appDir, 'package.json'))) return 'no web app';
  const built = join(appDir, 'dist/index.html');
  if (existsSync(built) && statSync(built).mtimeMs > newestInput(appDir)) return 'up to date';
  progress('building the web app (vite)…');
  // The bin is not among vite's package exports: find it through its package.json, which is.
  const vitePackage = createRequire(join(appDir, 'package.json')).resolve('vite/package.json');
  const { bin } = JSON.parse(readFileSync(vitePackage, 'utf8')) as { bin: { vite: string } };
  const vite = join(dirname(vitePackage), bin.vite);
  try {
    await promisify(execFile)(process.execPath, [vite, 'build', '--logLevel', 'warn'], {
      cwd: appDir,
      maxBuffer: 16 * 1024 * 1024,
    });
  } catch (error) {
    const { stderr, stdout } = error as { stderr?: string; stdout?: string };
    throw new Error(`Building the web app failed (vite build in ${appDir}):\n${stderr || stdout || error}`);
  }
  return 'built';
}

function newestInput(appDir: string): number {
  return Math.max(
    ...INPUTS.map((input) => join(appDir, input))
      .filter((path) => existsSync(path))
      .map(newestMtime),
  );
}

function newestMtime(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
  return newest;
}
