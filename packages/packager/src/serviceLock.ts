import { randomUUID } from 'node:crypto';
import { link, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** The lock file a packager holds in a service folder while it fingerprints and packages it. */
export const LOCK_FILE = '.spendwise-package.lock';

const isAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
};

async function holderOf(file: string): Promise<number | undefined> {
  const pid = Number.parseInt(await readFile(file, 'utf8').catch(() => ''), 10);
  return Number.isInteger(pid) && pid > 0 ? pid : undefined;
}

/**
 * Runs `work` while holding the service folder's package lock, so two packagers (say two test files starting
 * the local cloud at once) never run osls in the same folder together: the second waits, then finds the
 * package cached. A lock left by a process that no longer runs is taken over.
 *
 * @example
 * await withServiceLock(service.dir, () => packageUnlessUnchanged(options));
 */
export async function withServiceLock<T>(
  dir: string,
  work: () => Promise<T>,
  timeoutMs = 600_000,
): Promise<T> {
  const file = join(dir, LOCK_FILE);
  const deadline = Date.now() + timeoutMs;
  // The lock appears with its holder's pid already in it (a hard link to a written file is created atomically),
  // so a process killed while taking it never leaves an empty lock that nobody could tell is stale. The written
  // file lives only for the attempt.
  const mine = `${file}.${process.pid}.${randomUUID()}`;
  for (;;) {
    await writeFile(mine, String(process.pid));
    const taken = await link(mine, file)
      .then(
        () => true,
        (error: NodeJS.ErrnoException) => {
          if (error.code === 'EEXIST') return false;
          throw error;
        },
      )
      .finally(() => rm(mine, { force: true }));
    if (taken) break;
    const pid = await holderOf(file);
    // No pid: an empty lock written by an older packager that was killed before writing it.
    if (pid === undefined || !isAlive(pid)) {
      await rm(file, { force: true });
      continue;
    }
    if (Date.now() > deadline) throw new Error(`${file} is still held by process ${pid}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  try {
    return await work();
  } finally {
    await rm(file, { force: true });
  }
}
