/**
 * The AWS cost model (`pnpm bench:cost`). Prints figures only; nothing here passes or fails.
 *
 * Starts the local cloud from the packaged templates (in-process, a temporary data folder), plays a scenario
 * through the public HTTP APIs (bench/cost/scenario.ts: N expenses over several users and two months, budgets so
 * that one expense in twenty raises an alert, then a few AI reports), waits for the system to settle after each
 * phase, and reads what it did (bench/cost/measure.ts): DynamoDB capacity units per table and index, Lambda
 * invocations and billed duration per function, SQS requests, EventBridge events, SNS publishes, Step Functions
 * transitions, Bedrock tokens, log bytes, X-Ray traces, API requests. Each phase is scaled linearly to 1M
 * expenses and 1,000 reports and priced at us-east-1 list prices (bench/cost/prices.ts). See
 * docs/cost-and-cold-starts.md and docs/adr/0020-cost-model-from-a-measured-local-run.md.
 *
 * Options: --expenses <n> (default 200), --reports <n> (default 5), --cold-start-share <0..1> (default 0.01:
 * share of invocations at the target volume that pay an init), --top <n> (largest items listed, default 8).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { loadComposeStacks } from '@spendwise/local-cloud/deploy/loadComposeStacks';
import { startLocalCloud } from '@spendwise/local-cloud/localCloud';
import { CostMeter, type TemplateFacts } from './cost/measure';
import {
  byService,
  count,
  difference,
  expressEquivalent,
  formatTable,
  type LineItem,
  largest,
  priceUsage,
  totalOf,
  type Usage,
  unitsPer,
  usd,
} from './cost/model';
import { PRICES } from './cost/prices';
import { recordExpenses, requestReports, setUp } from './cost/scenario';

const rootDir = new URL('..', import.meta.url).pathname.replace(/\/$/, '');
const { values } = parseArgs({
  options: {
    expenses: { type: 'string', default: process.env.BENCH_EXPENSES ?? '200' },
    reports: { type: 'string', default: process.env.BENCH_REPORTS ?? '5' },
    'cold-start-share': { type: 'string', default: '0.01' },
    top: { type: 'string', default: '8' },
  },
});
const EXPENSES = Number(values.expenses);
const REPORTS = Number(values.reports);
const COLD_START_SHARE = Number(values['cold-start-share']);
const TOP = Number(values.top);
const GOALS = { expenses: 5.0, reports: 0.12 };
const SETTLE_MS = 600_000;

const say = (line = '') => process.stdout.write(`${line}\n`);
const seconds = (since: number) => `${((performance.now() - since) / 1000).toFixed(1)} s`;

/** Architecture and tracing of every function, from the packaged templates (the engines do not keep them). */
async function templateFacts(stage: string, region: string): Promise<TemplateFacts> {
  const functions: TemplateFacts['functions'] = new Map();
  for (const stack of await loadComposeStacks(rootDir, stage, region)) {
    for (const resource of Object.values(stack.template.Resources ?? {})) {
      const { Type, Properties = {} } = resource as { Type: string; Properties?: Record<string, unknown> };
      if (Type !== 'AWS::Lambda::Function' || typeof Properties.FunctionName !== 'string') continue;
      const architectures = (Properties.Architectures as string[] | undefined) ?? ['x86_64'];
      functions.set(Properties.FunctionName, {
        architecture: architectures[0] === 'arm64' ? 'arm64' : 'x86_64',
        traced: (Properties.TracingConfig as { Mode?: string } | undefined)?.Mode === 'Active',
      });
    }
  }
  return { functions };
}

/** How often a `rate(…)` schedule fires in a 30-day month; 0 for cron schedules (monthly reports: the reports phase). */
export function firesPerMonth(expression: string): number {
  const match = /^rate\((\d+) (minute|minutes|hour|hours|day|days)\)$/.exec(expression);
  if (!match) return 0;
  const minutes = { minute: 1, hour: 60, day: 1440 }[
    match[2]?.replace(/s$/, '') as 'minute' | 'hour' | 'day'
  ];
  return (30 * 1440) / (Number(match[1]) * minutes);
}

function printPhase(
  title: string,
  usage: Usage,
  measured: number,
  target: number,
  goal: number,
  what: string,
) {
  const items: LineItem[] = priceUsage(usage, PRICES, {
    scale: target / measured,
    coldStartShare: COLD_START_SHARE,
  });
  const total = totalOf(items);
  // Four significant figures: a total near its goal reads as over or under it ($0.1186, not $0.12).
  const totalUsd = (value: number) => (value < 1 ? `$${value.toPrecision(4)}` : usd(value));
  say();
  say(
    `== ${title}: ${count(target)} ${what} (measured over ${measured}, scaled ×${count(target / measured)}) ==`,
  );
  for (const line of formatTable(items)) say(line);
  say();
  say(
    `  total ${totalUsd(total)} per ${count(target)} ${what} (goal ≤ ${usd(goal)}: ${total <= goal ? 'met' : `${(total / goal).toFixed(2)}× over`})`,
  );
  say(
    `  per service: ${byService(items)
      .map((s) => `${s.service} ${usd(s.cost)}`)
      .join(', ')}`,
  );
  say(`  largest items:`);
  for (const item of largest(items, TOP))
    say(`    ${usd(item.cost).padStart(8)}  ${item.service} ${item.resource} (${item.quantity})`);
  const units = unitsPer(usage, measured);
  const writes = units.filter((row) => row.index === undefined).reduce((sum, row) => sum + row.writeUnits, 0);
  const reads = units.filter((row) => row.index === undefined).reduce((sum, row) => sum + row.readUnits, 0);
  say(`  DynamoDB units per ${what.replace(/s$/, '')}: ${writes.toFixed(2)} WRU, ${reads.toFixed(2)} RRU`);
  for (const row of units) {
    if (row.writeUnits === 0 && row.readUnits === 0) continue;
    say(
      `    ${(row.index ? `  ${row.index}` : row.table).padEnd(48)} ${row.writeUnits.toFixed(2).padStart(6)} WRU ${row.readUnits.toFixed(2).padStart(6)} RRU`,
    );
    const table = usage.dynamodb.find((t) => t.table === row.table);
    if (!row.index && table) {
      const calls = Object.entries(table.calls)
        .map(([operation, n]) => `${operation} ${(n / measured).toFixed(2)}`)
        .join(', ');
      const refused =
        table.refusedWrites > 0 ? `, refused writes ${(table.refusedWrites / measured).toFixed(2)}` : '';
      say(`        calls per ${what.replace(/s$/, '')}: ${calls}${refused}`);
    }
  }
  return { items, total };
}

async function main(): Promise<void> {
  const started = performance.now();
  const dataDir = await mkdtemp(join(tmpdir(), 'spendwise-bench-cost-'));
  say(`Starting the local cloud (data in ${dataDir})…`);
  const cloud = await startLocalCloud({
    rootDir,
    dataDir,
    awsPort: 0,
    apiBasePort: 0,
    webPort: 0,
    inMemory: true,
  });
  const meter = new CostMeter(cloud, await templateFacts(cloud.config.stage, cloud.config.region));
  try {
    say(`ready after ${seconds(started)}; setting up users and budgets…`);
    const scenario = await setUp(cloud, EXPENSES, REPORTS);
    await cloud.settled({ timeoutMs: SETTLE_MS });
    // Schedules fire by the clock, not by volume: they are held while the phases are measured, then fired once
    // each and priced per month (below).
    const schedules = cloud.engines.scheduler.list().filter((item) => firesPerMonth(item.expression) > 0);
    cloud.engines.scheduler.stop();
    meter.attach();
    const before = await meter.usage();

    let phase = performance.now();
    const recorded = await recordExpenses(scenario, EXPENSES, (done) =>
      say(`  expenses recorded: ${done}/${EXPENSES}`),
    );
    await cloud.settled({ timeoutMs: SETTLE_MS });
    const afterExpenses = await meter.usage();
    const expenses = difference(afterExpenses, before);
    say(`${recorded} expenses recorded and settled in ${seconds(phase)}`);

    phase = performance.now();
    const reports = await requestReports(scenario, REPORTS);
    await cloud.settled({ timeoutMs: SETTLE_MS });
    const afterReports = await meter.usage();
    const reportUsage = difference(afterReports, afterExpenses);
    say(`${reports} reports requested and settled in ${seconds(phase)}`);

    const alerts = expenses.eventbridge
      .filter((row) => /BudgetThresholdReached|SpendingAnomalyDetected/.test(row.key))
      .reduce((sum, row) => sum + row.events, 0);
    say(`alerts raised: ${alerts} (${((alerts / recorded) * 100).toFixed(1)} % of the expenses)`);

    printPhase('Recording expenses', expenses, recorded, 1e6, GOALS.expenses, 'expenses');
    printPhase('AI reports', reportUsage, reports, 1e3, GOALS.reports, 'reports');
    const express = expressEquivalent(reportUsage, PRICES, 1e3 / reports);
    if (express > 0) say(`  the same executions as an Express workflow: ${usd(express)} per 1k reports`);

    const fixed: LineItem[] = [];
    let last = afterReports;
    for (const schedule of schedules) {
      await cloud.engines.scheduler.runNow(schedule.id);
      await cloud.settled({ timeoutMs: SETTLE_MS });
      const now = await meter.usage();
      const perMonth = firesPerMonth(schedule.expression);
      fixed.push(
        ...priceUsage(difference(now, last), PRICES, { scale: perMonth, coldStartShare: COLD_START_SHARE }),
      );
      last = now;
    }
    say();
    say(
      `== Fixed per month, at any volume: ${schedules.map((s) => `${s.id.replace(/^rule:/, '')} ${s.expression}`).join(', ')} ==`,
    );
    for (const line of formatTable(fixed)) say(line);
    say(`  total ${usd(totalOf(fixed))} per month (not in the figures above)`);
    say();
    say(
      `Prices: us-east-1 list prices (bench/cost/prices.ts); Lambda durations as measured on this machine, ` +
        `${(COLD_START_SHARE * 100).toFixed(1)} % of invocations paying an init; free tiers, storage and data transfer left out.`,
    );
    say(`bench:cost took ${seconds(started)}`);
  } finally {
    meter.detach();
    await cloud.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`bench:cost failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exitCode = 1;
});
