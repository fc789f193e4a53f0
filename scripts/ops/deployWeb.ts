/** `pnpm deploy:web --stage <s> [--region] [--edge-region] [--dist] [--skip-build] [--dry-run]` (docs/edge.md). */
import { fileURLToPath } from 'node:url';
import { runDeployWeb } from '../../packages/edge-ops/src/cli';

process.exitCode = await runDeployWeb(process.argv.slice(2), {
  out: (line) => console.log(line),
  err: (line) => console.error(line),
  rootDir: fileURLToPath(new URL('../..', import.meta.url)),
});
