/**
 * The local edge's added latency (`pnpm bench:edge`). Prints figures only; nothing here passes or fails.
 *
 * Starts the whole local cloud in-process (in memory, free ports), then sends the same request — an
 * authenticated `GET /expenses?month=…` that runs the real function against DynamoDB Local — N times (default
 * 500, `BENCH_REQUESTS`) directly to the expenses HTTP API and N times through the local CloudFront
 * (`/api/expenses?month=…`: web ACL, cache behaviour, the viewer-request function stripping `/api`, the origin
 * request and response headers policies), alternating the two so both see the same machine load.
 */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startLocalCloud } from '@spendwise/local-cloud/localCloud';

const rootDir = new URL('..', import.meta.url).pathname.replace(/\/$/, '');
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 500);
const WARM_UP = 50;

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
};
const say = (line: string) => process.stdout.write(`${line}\n`);
const ms = (value: number) => `${value.toFixed(2)} ms`;

async function timed(url: string, token: string): Promise<number> {
  const started = performance.now();
  const response = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
  await response.arrayBuffer();
  const elapsed = performance.now() - started;
  if (response.status !== 200) throw new Error(`${url} answered ${response.status}`);
  return elapsed;
}

async function main(): Promise<void> {
  say('Starting the local cloud (in memory, free ports)…');
  const cloud = await startLocalCloud({
    rootDir,
    dataDir: await mkdtemp(join(tmpdir(), 'spendwise-bench-edge-')),
    awsPort: 0,
    apiBasePort: 0,
    webPort: 0,
    inMemory: true,
    // Rate limits stay exact, in windows a thousand times shorter: the benchmark's volume is not an attack.
    wafTimeScale: 0.001,
  });
  try {
    const { web, apis } = cloud.endpoints;
    if (!web || !apis.expenses) throw new Error('no distribution or no expenses API in the templates');
    const token = await cloud.engines.auth.mintToken({ user: 'bench-edge' });
    const query = `?month=${new Date().toISOString().slice(0, 7)}`;
    const direct = `${apis.expenses}/expenses${query}`;
    const edge = `${web.replace('//localhost:', '//127.0.0.1:')}/api/expenses${query}`;
    for (let i = 0; i < WARM_UP; i++) {
      await timed(direct, token);
      await timed(edge, token);
    }
    const times = { direct: [] as number[], edge: [] as number[] };
    for (let i = 0; i < REQUESTS; i++) {
      times.direct.push(await timed(direct, token));
      times.edge.push(await timed(edge, token));
    }
    const [d50, d99, e50, e99] = [
      percentile(times.direct, 50),
      percentile(times.direct, 99),
      percentile(times.edge, 50),
      percentile(times.edge, 99),
    ];
    say('');
    say(`GET /expenses, ${REQUESTS} requests each, alternating (after ${WARM_UP} warm-up pairs)`);
    say(`  direct to the HTTP API      p50 ${ms(d50)}   p99 ${ms(d99)}`);
    say(`  through the local edge      p50 ${ms(e50)}   p99 ${ms(e99)}`);
    say(`  added by the edge           p50 ${ms(e50 - d50)}   p99 ${ms(e99 - d99)}`);
    say(`  ratio edge / direct         p50 ${(e50 / d50).toFixed(2)}   p99 ${(e99 / d99).toFixed(2)}`);
    // Each pair ran back to back: the difference within a pair is the edge's cost with the least noise.
    const added = times.edge.map((edgeMs, i) => edgeMs - (times.direct[i] ?? 0));
    say(`  added, pair by pair         p50 ${ms(percentile(added, 50))}   p99 ${ms(percentile(added, 99))}`);
  } finally {
    await cloud.stop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
