import { createHash } from 'node:crypto';
import type { Dirent } from 'node:fs';
import { readdir, readFile, stat } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { LOCK_FILE } from './serviceLock';

/** Bump when the packager changes what a packaged service contains, to invalidate every cache. */
export const CACHE_FORMAT = 1;

/** Directories never hashed: dependencies, build output and caches. */
const IGNORED_DIRS = new Set([
  'node_modules',
  '.serverless',
  '.esbuild',
  '.build',
  'dist',
  'coverage',
  '.cache',
]);

/** Files and directories of a service that do not end up in its package (tests and their fixtures). */
const SERVICE_TEST_DIRS = new Set(['tests', '__tests__']);
const TEST_FILE = /\.test\.[cm]?[jt]s$/;

/** Repository files every service's package may depend on: shared sources, events, lockfile, TS config. */
const SHARED_ROOT_FILES = ['pnpm-lock.yaml', 'pnpm-workspace.yaml', 'tsconfig.base.json'];

export interface FingerprintInput {
  rootDir: string;
  serviceDir: string;
  stage: string;
  region: string;
  oslsVersion: string;
  /** Anything else that changes the output (compose `params`, `config`). */
  extra?: Record<string, unknown>;
}

/**
 * Hashes everything `osls package` output depends on: the service's own files (serverless.yml, resources,
 * src, package.json — not tests), every workspace package's `src/` and `package.json`, `events/`, the
 * lockfile, the stage, region and osls version. Two equal fingerprints mean the package can be reused.
 */
export async function fingerprintService(input: FingerprintInput): Promise<string> {
  const hash = createHash('sha256');
  const header = {
    format: CACHE_FORMAT,
    stage: input.stage,
    region: input.region,
    osls: input.oslsVersion,
    extra: input.extra ?? {},
  };
  hash.update(`${JSON.stringify(header)}\n`);
  for (const file of await fingerprintFiles(input.rootDir, input.serviceDir)) {
    const content = await readFile(file);
    hash.update(`${toPosix(relative(input.rootDir, file))}\0`);
    hash.update(createHash('sha256').update(content).digest('hex'));
    hash.update('\n');
  }
  return hash.digest('hex');
}

/** The sorted, absolute list of files that `fingerprintService` hashes. */
export async function fingerprintFiles(rootDir: string, serviceDir: string): Promise<string[]> {
  const files = new Set<string>();
  for (const file of await walk(serviceDir, { skipTests: true })) files.add(file);
  for (const packageDir of await subdirectories(join(rootDir, 'packages'))) {
    for (const file of await walk(join(packageDir, 'src'), { skipTests: true })) files.add(file);
    files.add(join(packageDir, 'package.json'));
  }
  for (const file of await walk(join(rootDir, 'events'), { skipTests: false })) files.add(file);
  for (const name of SHARED_ROOT_FILES) files.add(join(rootDir, name));
  const existing = await Promise.all(
    [...files].map(async (file) => ((await isReadableFile(file)) ? file : undefined)),
  );
  return existing.filter((file): file is string => file !== undefined).sort();
}

async function walk(dir: string, options: { skipTests: boolean }): Promise<string[]> {
  let entries: Dirent[];
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  const nested = await Promise.all(
    entries.map(async (entry) => {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (IGNORED_DIRS.has(entry.name)) return [];
        if (options.skipTests && SERVICE_TEST_DIRS.has(entry.name)) return [];
        return walk(path, options);
      }
      if (!entry.isFile()) return []; // symlinks and sockets are not sources
      if (entry.name.startsWith(LOCK_FILE)) return []; // held (or being taken) while packaging: not a source
      if (options.skipTests && TEST_FILE.test(entry.name)) return [];
      return [path];
    }),
  );
  return nested.flat();
}

async function subdirectories(dir: string): Promise<string[]> {
  try {
    const entries = await readdir(dir, { withFileTypes: true });
    return entries.filter((e) => e.isDirectory()).map((e) => join(dir, e.name));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
}

async function isReadableFile(file: string): Promise<boolean> {
  try {
    return (await stat(file)).isFile();
  } catch {
    return false;
  }
}

function toPosix(path: string): string {
  return path.split(sep).join('/');
}
