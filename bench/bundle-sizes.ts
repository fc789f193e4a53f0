/**
 * `pnpm bench:bundles [service…]`: the size of every function bundle, per packaged service.
 *
 * Packages the services first (cached, so quick when nothing changed), then opens the zips osls and
 * serverless-esbuild wrote to `<service>/.serverless/` and prints, per function, the minified bundle (the
 * .js/.mjs/.cjs files inside the zip, uncompressed) and the zip itself, flagging bundles over the 150 KB goal.
 * Figures only: it asserts nothing.
 */
import { stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { formatTable } from '../packages/packager/src/cli';
import { consoleProgress, loadTemplate, packageServices } from '../packages/packager/src/index';
import { zipEntries } from './zipEntries';

const KB = 1024;
const GOAL_BYTES = 150 * KB;
const BUNDLE_FILE = /\.[cm]?js$/;

interface BundleRow {
  service: string;
  fn: string;
  bundleBytes: number;
  zipBytes: number;
  files: number;
}

const rootDir = fileURLToPath(new URL('..', import.meta.url));

/** Every function of a packaged service with the sizes of its zip and of the code inside it. */
async function measureService(service: string, dir: string): Promise<BundleRow[]> {
  const template = await loadTemplate(dir);
  const functions = Object.entries(template.Resources).filter(([, r]) => r.Type === 'AWS::Lambda::Function');
  return Promise.all(
    functions.map(async ([logicalId, resource]) => {
      const key = (resource.Properties?.Code as { S3Key?: unknown } | undefined)?.S3Key;
      if (typeof key !== 'string')
        throw new Error(`${service}: ${logicalId} has no packaged code (Code.S3Key)`);
      const zipPath = join(dir, '.serverless', basename(key));
      const entries = await zipEntries(zipPath);
      const code = entries.filter((e) => BUNDLE_FILE.test(e.fileName));
      return {
        service,
        fn: basename(key, '.zip'),
        bundleBytes: code.reduce((sum, e) => sum + e.uncompressedSize, 0),
        zipBytes: (await stat(zipPath)).size,
        files: entries.length,
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
  const rows = (await Promise.all(packaged.map((p) => measureService(p.name, p.dir)))).flat();
  const table = formatTable(
    ['service', 'function', 'bundle', 'zip', 'files', `over ${GOAL_BYTES / KB} KB?`],
    rows.map((row) => [
      row.service,
      row.fn,
      kb(row.bundleBytes),
      kb(row.zipBytes),
      String(row.files),
      row.bundleBytes > GOAL_BYTES ? `OVER by ${kb(row.bundleBytes - GOAL_BYTES)}` : 'no',
    ]),
  );
  const over = rows.filter((row) => row.bundleBytes > GOAL_BYTES).length;
  process.stdout.write(`\n${table}\n\n`);
  process.stdout.write(
    `${rows.length} function(s); ${over} over the ${GOAL_BYTES / KB} KB goal (bundle = uncompressed .js/.mjs/.cjs in the zip, 1 KB = 1024 bytes)\n`,
  );
}

main().catch((error: unknown) => {
  process.stderr.write(`bench:bundles failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
