/**
 * `pnpm bench:bundles [service…]`: the size of every function bundle, per packaged service.
 *
 * Packages the services first (cached, so quick when nothing changed), then opens the zips osls and
 * serverless-esbuild wrote to `<service>/.serverless/` and prints, per function, the code Node reads and compiles
 * when it imports the handler (its module and the chunks that imports statically; a chunk loaded later with
 * `import()`, such as the tracer's, ADR 33, is not), every minified .js/.mjs/.cjs file inside the zip
 * (uncompressed), and the zip itself, flagging code read at init over the 150 KB goal.
 * Figures only: it asserts nothing.
 */
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { formatTable } from '../packages/packager/src/cli';
import { consoleProgress, packageServices } from '../packages/packager/src/index';
import { initCode } from './initCode';
import { functionsOf, handlerModule, unzip } from './lambdaHarness';

const KB = 1024;
const GOAL_BYTES = 150 * KB;

interface BundleRow {
  service: string;
  fn: string;
  initBytes: number;
  bundleBytes: number;
  zipBytes: number;
  files: number;
}

const rootDir = fileURLToPath(new URL('..', import.meta.url));

/** Every function of a packaged service with the sizes of its zip, of the code inside it and of what init reads. */
async function measureService(service: string, dir: string, work: string): Promise<BundleRow[]> {
  return Promise.all(
    (await functionsOf(service, dir)).map(async (f) => {
      const unzipped = join(work, `${service}-${f.fn}`);
      const { codeBytes, files } = await unzip(f.zipPath, unzipped);
      return {
        service,
        fn: f.fn,
        initBytes: initCode(handlerModule(f, unzipped).modulePath, unzipped).bytes,
        bundleBytes: codeBytes,
        zipBytes: (await stat(f.zipPath)).size,
        files,
      };
    }),
  );
}

function kb(bytes: number): string {
  return `${(bytes / KB).toFixed(1)} KB`;
}

async function main(): Promise<void> {
  const services = process.argv.slice(2).filter((arg) => arg !== '--');
  const packaged = await packageServices({ rootDir, services, onProgress: consoleProgress });
  const work = await mkdtemp(join(tmpdir(), 'spendwise-bundles-'));
  let rows: BundleRow[];
  try {
    rows = (await Promise.all(packaged.map((p) => measureService(p.name, p.dir, work)))).flat();
  } finally {
    await rm(work, { recursive: true, force: true });
  }
  const table = formatTable(
    [
      'service',
      'function',
      'read at init',
      'code in zip',
      'zip',
      'files',
      `init over ${GOAL_BYTES / KB} KB?`,
    ],
    rows.map((row) => [
      row.service,
      row.fn,
      kb(row.initBytes),
      kb(row.bundleBytes),
      kb(row.zipBytes),
      String(row.files),
      row.initBytes > GOAL_BYTES ? `OVER by ${kb(row.initBytes - GOAL_BYTES)}` : 'no',
    ]),
  );
  const over = rows.filter((row) => row.initBytes > GOAL_BYTES).length;
  process.stdout.write(`\n${table}\n\n`);
  process.stdout.write(
    `${rows.length} function(s); ${over} over the ${GOAL_BYTES / KB} KB goal (read at init = the handler's module and the chunks it imports statically; code in zip = every .js/.mjs/.cjs in the zip, uncompressed, chunks loaded by import() included; 1 KB = 1024 bytes)\n`,
  );
}

main().catch((error: unknown) => {
  process.stderr.write(`bench:bundles failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
