import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

/** The repository root: the nearest folder upwards that holds serverless-compose.yml. */
export function findRoot(from = process.cwd()): string {
  let dir = resolve(from);
  for (;;) {
    if (existsSync(join(dir, 'serverless-compose.yml'))) return dir;
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`No serverless-compose.yml in ${from} or any folder above it`);
    dir = parent;
  }
}
