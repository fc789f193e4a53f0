import { open, readFile, rm } from 'node:fs/promises';
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
  for (;;) {
    try {
      const handle = await open(file, 'wx');
      await handle.writeFile(String(process.pid));
      await handle.close();
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const pid = await holderOf(file);
      if (pid !== undefined && !isAlive(pid)) {
        await rm(file, { force: true });
        continue;
      }
      if (Date.now() > deadline) throw new Error(`${file} is still held by process ${pid ?? '?'}`);
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
  try {
    return await work();
  } finally {
    await rm(file, { force: true });
  }
}
