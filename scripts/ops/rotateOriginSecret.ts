/** `pnpm ops:rotate-origin-secret --stage <s> [--edge-region] [--wait-seconds] [--dry-run]` (docs/edge.md). */
import { fileURLToPath } from 'node:url';
import { runRotateOriginSecret } from '../../packages/edge-ops/src/cli';

process.exitCode = await runRotateOriginSecret(process.argv.slice(2), {
  out: (line) => console.log(line),
  err: (line) => console.error(line),
  rootDir: fileURLToPath(new URL('../..', import.meta.url)),
});
