/**
 * End-to-end alert latency (`pnpm bench:alert-latency`). Prints figures only; nothing here passes or fails.
 *
 * For each of N users (default 500) a 1.00 EUR groceries budget alerting at 100 %, then one 5.00 EUR expense:
 * POST /expenses → expenses' outbox → stream relay → bus → insights queue → threshold check → insights' outbox →
 * relay → bus → notifications queue → inbox item. The time from sending the POST to the inbox item being
 * visible through GET /notifications is measured per expense, one expense at a time (the inbox is polled every
 * 5 ms, so figures include up to 5 ms of polling granularity).
 */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startLocalCloud } from '@spendwise/local-cloud/localCloud';
import { buildClient, type SpendwiseClient, waitFor } from '../scripts/demo/client';

const rootDir = new URL('..', import.meta.url).pathname.replace(/\/$/, '');
const EXPENSES = Number(process.env.BENCH_EXPENSES ?? 500);

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
};
const say = (line: string) => process.stdout.write(`${line}\n`);
const today = new Date().toISOString().slice(0, 10);

async function main(): Promise<void> {
  say(`Starting the local cloud (in-memory) for ${EXPENSES} users…`);
  const cloud = await startLocalCloud({
    rootDir,
    dataDir: await mkdtemp(join(tmpdir(), 'spendwise-bench-alerts-')),
    awsPort: 0,
    apiBasePort: 0,
    webPort: 0,
    inMemory: true,
  });
  try {
    const clients: SpendwiseClient[] = [];
    for (let i = 0; i < EXPENSES; i += 1) {
      const client = buildClient(
        cloud.endpoints.apis,
        await cloud.engines.auth.mintToken({ user: `bench-${i}` }),
      );
      await client.api.budgets.set('groceries', {
        amount: { minorUnits: 100, currency: 'EUR' },
        thresholds: [100],
      });
      clients.push(client);
      if ((i + 1) % 100 === 0) say(`  budgets set: ${i + 1}/${EXPENSES}`);
    }
    // Let every BudgetSet reach insights before the expenses that should cross the thresholds.
    await new Promise((resolve) => setTimeout(resolve, 3_000));

    const latencies: number[] = [];
    for (const [i, client] of clients.entries()) {
      const sent = performance.now();
      await client.api.expenses.create({
        amount: { minorUnits: 500, currency: 'EUR' },
        date: today,
        categoryId: 'groceries',
      });
      await waitFor(
        `the inbox item of bench-${i}`,
        async () => {
          const inbox = await client.expect<{ items: unknown[] }>(
            200,
            'notifications',
            'GET',
            '/notifications?limit=1',
          );
          return inbox.items.length > 0 ? true : undefined;
        },
        { timeoutMs: 30_000, intervalMs: 5 },
      );
      latencies.push(performance.now() - sent);
      if ((i + 1) % 100 === 0) say(`  expenses measured: ${i + 1}/${EXPENSES}`);
    }
    const fmt = (v: number) => `${v.toFixed(0)} ms`;
    say('');
    say(`POST /expenses → inbox item, ${latencies.length} expenses, one at a time:`);
    say(
      `  p50 ${fmt(percentile(latencies, 50))}  p90 ${fmt(percentile(latencies, 90))}  ` +
        `p99 ${fmt(percentile(latencies, 99))}  max ${fmt(Math.max(...latencies))}`,
    );
  } finally {
    await cloud.stop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(
    `bench:alert-latency failed: ${error instanceof Error ? error.stack : String(error)}\n`,
  );
  process.exitCode = 1;
});
