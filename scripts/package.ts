/**
 * `pnpm package [--stage s] [--region r] [--force] [service…]`: packages every service of
 * serverless-compose.yml with osls, offline and cached, then prints a summary table.
 */
import { fileURLToPath } from 'node:url';
import { formatSummary, parseCliArgs, USAGE } from '../packages/packager/src/cli';
import {
  consoleProgress,
  countFunctions,
  loadTemplate,
  packageServices,
} from '../packages/packager/src/index';

const rootDir = fileURLToPath(new URL('..', import.meta.url));

async function main(): Promise<number> {
  let options: ReturnType<typeof parseCliArgs>;
  try {
    options = parseCliArgs(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n\n${USAGE}\n`);
    return 2;
  }
  if (options.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const started = performance.now();
  const results = await packageServices({ rootDir, ...options, onProgress: consoleProgress });
  const rows = await Promise.all(
    results.map(async (result) => ({ ...result, functions: countFunctions(await loadTemplate(result.dir)) })),
  );
  process.stdout.write(`\n${formatSummary(rows, rootDir)}\n`);
  process.stdout.write(
    `\n${rows.length} service(s) in ${((performance.now() - started) / 1000).toFixed(1)}s\n`,
  );
  return 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(
      `\npnpm package failed.\n${error instanceof Error ? error.message : String(error)}\n`,
    );
    process.exitCode = 1;
  },
);
