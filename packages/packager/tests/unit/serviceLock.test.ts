import { existsSync, readdirSync } from 'node:fs';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { LOCK_FILE, withServiceLock } from '../../src/serviceLock';

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('withServiceLock', () => {
  it('never lets two packagers work in the same folder at once', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'lock-'));
    const timeline: string[] = [];
    const work = (name: string) => async () => {
      timeline.push(`${name} in`);
      await pause(100);
      timeline.push(`${name} out`);
    };

    await Promise.all([withServiceLock(dir, work('a')), withServiceLock(dir, work('b'))]);

    expect(timeline).toHaveLength(4);
    expect(timeline[1]).toBe(timeline[0]?.replace(' in', ' out'));
    expect(existsSync(join(dir, LOCK_FILE))).toBe(false);
  });

  it('takes over a lock left by a process that no longer runs', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'lock-'));
    await writeFile(join(dir, LOCK_FILE), '2147483646');

    const result = await withServiceLock(dir, async () => 'packaged', 2_000);

    expect(result).toBe('packaged');
  });

  it('takes over an empty lock, left by a packager killed before it wrote its pid', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'lock-'));
    await writeFile(join(dir, LOCK_FILE), '');

    const result = await withServiceLock(dir, async () => 'packaged', 2_000);

    expect(result).toBe('packaged');
    expect(readdirSync(dir)).toEqual([]);
  });

  it('releases the lock when the work fails', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'lock-'));

    await expect(
      withServiceLock(dir, async () => {
        throw new Error('osls failed');
      }),
    ).rejects.toThrow('osls failed');
    expect(existsSync(join(dir, LOCK_FILE))).toBe(false);
  });

  it('gives up with the holder named when a live process keeps the lock', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'lock-'));
    await writeFile(join(dir, LOCK_FILE), String(process.pid));

    await expect(withServiceLock(dir, async () => 'never', 300)).rejects.toThrow(
      `held by process ${process.pid}`,
    );
  });
});
