import { relative } from 'node:path';
import { parseArgs } from 'node:util';
import type { PackageResult } from './packageService';
import { seconds } from './progress';

export interface CliOptions {
  stage: string;
  region?: string;
  force: boolean;
  concurrency?: number;
  services: string[];
  help: boolean;
}

export const USAGE = `Usage: pnpm package [--stage <stage>] [--region <region>] [--force] [--concurrency <n>] [service…]

Packages the services of serverless-compose.yml with osls, offline (no AWS credentials, no network), and
writes each service's CloudFormation template to <service>/.serverless/. Unchanged services are reused.

  --stage <stage>      stage to package for (default: dev)
  --region <region>    region to package for (default: eu-west-1, or the region pinned in the compose file)
  --force              package even unchanged services
  --concurrency <n>    services packaged at once among those whose dependencies are done (default: one per CPU core)
  service…             only these services (default: all)`;

/** Parses `pnpm package` arguments; throws a clear error on an unknown option or a bad value. */
export function parseCliArgs(argv: string[]): CliOptions {
  const { values, positionals } = parseArgs({
    args: argv.filter((arg) => arg !== '--'),
    allowPositionals: true,
    strict: true,
    options: {
      stage: { type: 'string', short: 's' },
      region: { type: 'string', short: 'r' },
      force: { type: 'boolean', short: 'f', default: false },
      concurrency: { type: 'string', short: 'c' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  let concurrency: number | undefined;
  if (values.concurrency !== undefined) {
    concurrency = Number(values.concurrency);
    if (!Number.isInteger(concurrency) || concurrency < 1) {
      throw new Error(`--concurrency must be a positive integer, got "${values.concurrency}"`);
    }
  }
  return {
    stage: values.stage ?? 'dev',
    ...(values.region ? { region: values.region } : {}),
    force: values.force,
    ...(concurrency ? { concurrency } : {}),
    services: positionals,
    help: values.help,
  };
}

/** One row of the summary: a packaged service and how many functions its template defines. */
export interface SummaryRow extends PackageResult {
  functions: number;
}

/** A plain-text table of packaging results, with paths relative to `rootDir`. */
export function formatSummary(rows: SummaryRow[], rootDir: string): string {
  const header = ['service', 'cached', 'time', 'functions', 'template'];
  const lines = rows.map((row) => [
    row.name,
    row.cached ? 'yes' : 'no',
    seconds(row.durationMs),
    String(row.functions),
    relative(rootDir, row.templatePath),
  ]);
  return formatTable(header, lines);
}

/** Left-aligned columns separated by two spaces, with a rule under the header. */
export function formatTable(header: string[], rows: string[][]): string {
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => (row[column] ?? '').length)),
  );
  const render = (cells: string[]) =>
    cells
      .map((cell, column) => cell.padEnd(widths[column] ?? 0))
      .join('  ')
      .trimEnd();
  return [render(header), render(widths.map((w) => '-'.repeat(w))), ...rows.map(render)].join('\n');
}
