/**
 * Table growth (`pnpm bench:table-growth`): does the local system slow down as the expenses table grows?
 * Prints figures only; nothing here passes or fails.
 *
 * Starts a local cloud from the packaged templates in a temporary folder, then for each size (default 10k,
 * 100k, 1M expenses): fills the expenses table up to that size with expenses of 1,000 other users (the stored
 * form the service writes, `expenseItem`, through the local AWS endpoint, 25 per BatchWriteItem), waits for the
 * local cloud to settle (the stream pollers read the new records), and runs `pnpm load` at a fixed rate against
 * it. The table at the end compares each size's latencies and read-model catch-up with the first size's, as
 * ratios within the one run.
 *
 *   pnpm bench:table-growth [--sizes 10000,100000,1000000] [--rate 20] [--duration 20] [--users 10] [--warmup 20]
 *
 * A warm-up run (`--warmup` seconds, 0 for none) on the empty tables first starts the functions' copies, so the
 * first size is not measured cold.
 */
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  BatchWriteCommand,
  type BatchWriteCommandOutput,
  DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';
import { startLocalCloud } from '@spendwise/local-cloud/localCloud';
import { expenseItem } from '../services/expenses/src/adapters/keys';

const rootDir = new URL('..', import.meta.url).pathname.replace(/\/$/, '');
const say = (line: string) => process.stdout.write(`${line}\n`);
const load = () => loadavg()[0]?.toFixed(2) ?? '?';

const { values } = parseArgs({
  options: {
    sizes: { type: 'string', default: '10000,100000,1000000' },
    rate: { type: 'string', default: '20' },
    duration: { type: 'string', default: '20' },
    users: { type: 'string', default: '10' },
    warmup: { type: 'string', default: '20' },
  },
});
const sizes = values.sizes
  .split(',')
  .map(Number)
  .filter((size) => Number.isInteger(size) && size > 0)
  .sort((a, b) => a - b);
if (sizes.length === 0) throw new Error('--sizes needs positive whole numbers, e.g. 10000,100000');

const SEED_USERS = 1000;
const CATEGORIES = ['groceries', 'transport', 'eating-out', 'home', 'leisure'];

/** One stored expense of a seed user, spread over the last twelve months of the clock. */
function seedItem(n: number, now: Date): Record<string, unknown> {
  const day = new Date(now.getTime() - (n % 365) * 86_400_000).toISOString().slice(0, 10);
  const at = now.toISOString();
  return expenseItem({
    userId: `growth-seed-${n % SEED_USERS}`,
    expenseId: randomUUID(),
    amount: { minorUnits: 100 + (n % 9_900), currency: 'EUR' },
    date: day,
    categoryId: CATEGORIES[n % CATEGORIES.length]!,
    merchant: `Merchant ${n % 500}`,
    tags: [],
    version: 1,
    createdAt: at,
    updatedAt: at,
  });
}

async function seed(client: DynamoDBDocumentClient, table: string, from: number, to: number) {
  const now = new Date();
  let next = from;
  const writeOne = async () => {
    while (next < to) {
      const start = next;
      next = Math.min(to, next + 25);
      let requests: unknown[] | undefined = Array.from({ length: next - start }, (_, i) => ({
        PutRequest: { Item: seedItem(start + i, now) },
      }));
      for (let attempt = 0; requests?.length; attempt += 1) {
        if (attempt > 8) throw new Error('DynamoDB Local left seed writes unprocessed');
        const result: BatchWriteCommandOutput = await client.send(
          new BatchWriteCommand({ RequestItems: { [table]: requests as never } }),
        );
        requests = result.UnprocessedItems?.[table];
      }
    }
  };
  const started = performance.now();
  let reported = from;
  const progress = setInterval(() => {
    if (next - reported >= 50_000) {
      reported = next;
      say(`  … ${next.toLocaleString('en')} expenses (load average ${load()})`);
    }
  }, 5_000);
  try {
    await Promise.all(Array.from({ length: 8 }, writeOne));
  } finally {
    clearInterval(progress);
  }
  return (to - from) / ((performance.now() - started) / 1000);
}

/** Runs `pnpm load` against the local cloud of `dataDir`; its whole output, echoed as it comes. */
function runLoad(dataDir: string, seed: number, duration = values.duration): Promise<string> {
  const args = ['scripts/load/main.ts', '--data-dir', dataDir, '--rate', values.rate, '--duration'];
  args.push(duration, '--users', values.users, '--seed', String(seed));
  return new Promise((resolve, reject) => {
    const child = spawn(join(rootDir, 'node_modules/.bin/tsx'), args, { cwd: rootDir });
    let output = '';
    const collect = (chunk: Buffer) => {
      output += chunk.toString();
      process.stdout.write(chunk.toString().replace(/^/gm, '    '));
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    child.on('error', reject);
    child.on('close', () => resolve(output));
  });
}

interface Row {
  size: number;
  seedPerSecond: number;
  settleSeconds: number;
  post?: number[];
  list?: number[];
  caughtUp?: number;
  consistent: boolean;
  /** The 1-minute load average when `pnpm load` stopped sending: how busy the machine was while measured. */
  loadAtEnd?: number;
}

/** p50 and p99 of a route's ok answers from `pnpm load`'s table (columns sent, ok, p50, p95, p99, max). */
const routeFigures = (output: string, route: string) => {
  const line = output.split('\n').find((l) => l.startsWith(`${route} `));
  const numbers = line?.slice(route.length).trim().split(/\s+/).map(Number);
  return numbers && numbers.length >= 5 ? [numbers[2]!, numbers[4]!] : undefined;
};

const dataDir = await mkdtemp(join(tmpdir(), 'spendwise-growth-'));
say(`table growth: sizes ${sizes.join(', ')}; pnpm load at ${values.rate}/s for ${values.duration} s each`);
const cloud = await startLocalCloud({ rootDir, dataDir, awsPort: 0, apiBasePort: 0, webPort: 0 });
const rows: Row[] = [];
try {
  const table = `spendwise-${cloud.config.stage}-expenses`;
  const client = DynamoDBDocumentClient.from(
    new DynamoDBClient({
      endpoint: cloud.endpoints.awsEndpoint,
      region: cloud.config.region,
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    }),
    { marshallOptions: { removeUndefinedValues: true } },
  );
  if (Number(values.warmup) > 0) {
    // Every function's first copies start during this run, not during the first size's: its figures would
    // otherwise be cold starts, and the ratios to it would flatter the larger sizes.
    say(`\nwarm-up: pnpm load for ${values.warmup} s on the empty tables (not in the table below) …`);
    await runLoad(dataDir, 1, values.warmup);
  }
  let filled = 0;
  for (const size of sizes) {
    say(`\n${size.toLocaleString('en')} expenses: seeding ${(size - filled).toLocaleString('en')} more …`);
    const seedPerSecond = await seed(client, table, filled, size);
    filled = size;
    const settleStarted = performance.now();
    await cloud.settled({ timeoutMs: 30 * 60_000 });
    const settleSeconds = (performance.now() - settleStarted) / 1000;
    say(
      `  seeded at ${seedPerSecond.toFixed(0)}/s; settled in ${settleSeconds.toFixed(1)} s; load average ${load()}`,
    );
    const output = await runLoad(dataDir, size);
    const caught = /caught up ([\d.]+) s after the load ended/.exec(output);
    const busy = /load average at the end of sending: ([\d.]+)/.exec(output);
    rows.push({
      size,
      seedPerSecond,
      settleSeconds,
      post: routeFigures(output, 'POST /expenses'),
      list: routeFigures(output, 'GET /expenses'),
      ...(caught ? { caughtUp: Number(caught[1]) } : {}),
      consistent: /consistency: OK/.test(output),
      ...(busy ? { loadAtEnd: Number(busy[1]) } : {}),
    });
  }
} finally {
  await cloud.stop();
  await rm(dataDir, { recursive: true, force: true });
}

const first = rows[0];
const ratio = (value: number | undefined, base: number | undefined) =>
  value !== undefined && base ? `${(value / base).toFixed(2)}×` : '–';
say(
  '\nexpenses   seeded/s  POST /expenses p50/p99 ms (p50 vs first)  GET /expenses p50/p99 ms  caught up  consistent  load',
);
for (const row of rows) {
  const post = row.post ? `${row.post[0]} / ${row.post[1]}` : 'no answers';
  const list = row.list ? `${row.list[0]} / ${row.list[1]}` : 'no answers';
  say(
    `${row.size.toLocaleString('en').padStart(9)}  ${row.seedPerSecond.toFixed(0).padStart(8)}  ` +
      `${post.padEnd(16)} (${ratio(row.post?.[0], first?.post?.[0])})`.padEnd(45) +
      `${list.padEnd(26)}${row.caughtUp === undefined ? 'not measured' : `${row.caughtUp.toFixed(1)} s`.padEnd(11)}${(row.consistent ? 'yes' : 'NO').padEnd(12)}${row.loadAtEnd?.toFixed(2) ?? '?'}`,
  );
}
// The sizes are compared with each other: a size measured on a much busier machine says more about the machine.
const loads = rows.flatMap((row) => (row.loadAtEnd === undefined ? [] : [row.loadAtEnd]));
if (loads.length > 1 && Math.max(...loads) > 2 * Math.max(1, Math.min(...loads)))
  say(
    `\nnote: the load average at the end of sending ranged ${Math.min(...loads).toFixed(2)}–${Math.max(...loads).toFixed(2)} between sizes; ` +
      'other work on the machine disturbs the latencies, so compare sizes only from a run alone on it.',
  );
