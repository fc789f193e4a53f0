/**
 * The restore rehearsal on the local cloud (docs/runbooks/restore-table.md): record expenses over HTTP, snapshot,
 * record / change / delete more, restore the snapshot's expenses table into a new table and run the runbook's
 * steps (re-create stream and TTL, re-point the expenses service by restarting the local cloud with its
 * TableName / TableStreamArn stack parameters, re-drive the outbox, reconcile insights). Returns what the test
 * asserts on and the timings the bench prints. Used by tests/e2e/restore.int.test.ts and bench/restore-rehearsal.ts.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../../packages/local-cloud/src/dynamodb/dynamoDbLocal';
import { type RunningLocalCloud, startLocalCloud } from '../../packages/local-cloud/src/localCloud';
import {
  depsFor,
  localDynamo,
  localSnapshotRestore,
  type RestoreOutcome,
  restoreTable,
} from '../../packages/restore-ops/src/index';
import { expensesReconciler } from '../../services/insights/src/ops/reconcileExpenses';
import { buildClient, type SpendwiseClient } from '../demo/client';

const rootDir = new URL('../../', import.meta.url).pathname.replace(/\/$/, '');

export interface Expense {
  expenseId: string;
  amount: { minorUnits: number; currency: string };
  date: string;
  categoryId: string;
  merchant?: string;
  version: number;
}

export interface BusRecord {
  eventId: string;
  detailType: string;
  expenseId: string;
  version: number;
}

export interface RehearsalOutcome {
  month: string;
  /** The expenses as listed when the snapshot was taken. */
  atSnapshot: Expense[];
  /** Listed after phase B (what the restore throws away). */
  beforeRestore: Expense[];
  /** Listed after the runbook. */
  afterRestore: Expense[];
  summary: { totals: Total[]; daily: Daily[] };
  /** Every Expense* event the bus accepted, in order, across both runs of the local cloud. */
  events: BusRecord[];
  runbook: RestoreOutcome;
  /** The runbook's re-drive and reconcile lines. */
  lines: string[];
  /** After the restore: a new expense and a change of one that had been changed after the snapshot. */
  afterwards: { recorded: Expense; changed: Expense; summary: { totals: Total[]; daily: Daily[] } };
  timings: { step: string; ms: number }[];
}

export interface Total {
  categoryId: string;
  currency: string;
  minorUnits: number;
  count: number;
}
export interface Daily {
  date: string;
  currency: string;
  minorUnits: number;
  count: number;
}

export interface RehearsalOptions {
  /** Expenses recorded before the snapshot (default 8). */
  before?: number;
  /** Recorded after it (default 4). */
  after?: number;
  log?: (line: string) => void;
}

const CATEGORIES = ['groceries', 'transport', 'dining', 'health'];

export async function runRestoreRehearsal(options: RehearsalOptions = {}): Promise<RehearsalOutcome> {
  const log = options.log ?? (() => {});
  const dataDir = await mkdtemp(join(tmpdir(), 'spendwise-restore-'));
  // The same AWS endpoint port across the restart, so the runbook's clients keep working.
  const awsPort = await freePort();
  const timings: { step: string; ms: number }[] = [];
  const timed = async <T>(step: string, run: () => Promise<T>): Promise<T> => {
    const started = performance.now();
    const result = await run();
    timings.push({ step, ms: Math.round(performance.now() - started) });
    log(`${step}: ${timings.at(-1)?.ms} ms`);
    return result;
  };
  const events: BusRecord[] = [];
  let untail: () => void = () => {};
  const start = async (stackParameters?: Record<string, Record<string, string>>) => {
    const cloud = await startLocalCloud({
      rootDir,
      dataDir,
      awsPort,
      apiBasePort: 0,
      webPort: 0,
      inMemory: false,
      ...(stackParameters ? { stackParameters } : {}),
    });
    untail = cloud.engines.events.tail((_bus, event) => {
      if (event.source !== 'spendwise.expenses') return;
      const detail = event.detail as {
        metadata: { eventId: string };
        data: { expense?: Expense; expenseId?: string; version?: number; current?: Expense };
      };
      events.push({
        eventId: detail.metadata.eventId,
        detailType: event['detail-type'],
        expenseId: detail.data.expense?.expenseId ?? (detail.data.expenseId as string),
        version: detail.data.expense?.version ?? (detail.data.version as number),
      });
    });
    return cloud;
  };
  const clientOf = async (cloud: RunningLocalCloud): Promise<SpendwiseClient> =>
    buildClient(cloud.endpoints.apis, await cloud.engines.auth.mintToken({ user: 'rehearsal-alice' }), {
      validateResponses: true,
    });
  const settle = (cloud: RunningLocalCloud) => cloud.settled({ timeoutMs: 180_000 });

  let cloud = await timed('start the local cloud', () => start());
  try {
    let client = await clientOf(cloud);
    const now = new Date();
    const month = now.toISOString().slice(0, 7);
    const day = (n: number) => `${month}-${String(Math.min(n, now.getUTCDate())).padStart(2, '0')}`;
    const record = async (i: number) =>
      (
        await client.api.expenses.create({
          amount: { minorUnits: 1000 + i * 137, currency: 'EUR' },
          date: day(1 + (i % 28)),
          merchant: `Shop ${i % 3}`,
          categoryId: CATEGORIES[i % CATEGORIES.length] as string,
        })
      ).data as Expense;
    const change = async (expense: Expense, minorUnits: number) => {
      const { etag } = await client.api.expenses.get(expense.expenseId);
      return (
        await client.api.expenses.update(
          expense.expenseId,
          { amount: { minorUnits, currency: 'EUR' } },
          { ifMatch: etag ?? `"${expense.version}"` },
        )
      ).data as Expense;
    };
    const list = async (): Promise<Expense[]> => {
      const all: Expense[] = [];
      let cursor: string | undefined;
      do {
        const page = await client.api.expenses.list({ month, ...(cursor ? { cursor } : {}) });
        all.push(...(page.items as Expense[]));
        cursor = page.nextCursor;
      } while (cursor);
      return all.sort((a, b) => a.expenseId.localeCompare(b.expenseId));
    };

    // Phase A: the state the snapshot keeps (with a change and a deletion already in it).
    const before = options.before ?? 8;
    const recordedA = await timed(`record ${before} expenses, change one, delete one`, async () => {
      const recorded: Expense[] = [];
      for (let i = 0; i < before; i += 1) recorded.push(await record(i));
      recorded[0] = await change(recorded[0] as Expense, 4242);
      await client.api.expenses.delete((recorded[1] as Expense).expenseId);
      await settle(cloud);
      return recorded;
    });
    const atSnapshot = await list();
    await timed('snapshot create', () => cloud.snapshots.create('rehearsal'));

    // Phase B: what the restore throws away.
    const after = options.after ?? 4;
    await timed(`record ${after} more, change two, delete one`, async () => {
      for (let i = 0; i < after; i += 1) await record(before + i);
      await change(recordedA[2] as Expense, 99_00);
      await change(recordedA[0] as Expense, 1);
      await client.api.expenses.delete((recordedA[3] as Expense).expenseId);
      await settle(cloud);
    });
    const beforeRestore = await list();

    const { region, stage, awsEndpoint } = cloud.endpoints;
    const dynamo = localDynamo(awsEndpoint, region);
    const lines: string[] = [];
    const io = {
      out: (line: string) => {
        lines.push(line);
        log(line);
      },
      reconciler: () => expensesReconciler(dynamo, stage),
    };
    const deps = depsFor({ stage, service: 'expenses' }, io, dynamo, {
      repoint: async (target) => {
        // The local cloud deploys at start: restart it on the restored table (as a stack update does on AWS).
        untail();
        await cloud.stop();
        cloud = await start({ expenses: { TableName: target.tableName, TableStreamArn: target.streamArn } });
        client = await clientOf(cloud);
      },
      ...{ endpoint: awsEndpoint, region, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } },
    });
    let runbook: RestoreOutcome;
    try {
      runbook = await restoreTable(
        {
          stage,
          service: 'expenses',
          source: {
            kind: 'snapshot',
            snapshot: 'rehearsal',
            suffix: 'rehearsal',
            restore: (snapshot, table, suffix) => localSnapshotRestore(awsEndpoint, snapshot, table, suffix),
          },
          dryRun: false,
          pollMs: 100,
        },
        deps,
      );
    } finally {
      dynamo.destroy();
    }
    timings.push(...runbook.timings.map((t) => ({ step: `runbook: ${t.step}`, ms: t.ms })));
    await timed('settle after the runbook', () => settle(cloud));
    const afterRestore = await list();
    const summaryOf = async () =>
      client.expect<{ totals: Total[]; daily: Daily[] }>(
        200,
        'insights',
        'GET',
        `/insights/summary?month=${month}`,
      );
    const summary = await summaryOf();

    // Afterwards the service works on the restored table: a new expense, and a change of an expense whose later
    // version (changed after the snapshot) insights had applied before the reconcile.
    const recorded = await record(before + after + 1);
    const changed = await change(recordedA[2] as Expense, 777);
    await settle(cloud);
    const afterwards = { recorded, changed, summary: await summaryOf() };
    return {
      month,
      atSnapshot,
      beforeRestore,
      afterRestore,
      summary,
      events,
      runbook,
      lines,
      afterwards,
      timings,
    };
  } finally {
    untail();
    await cloud.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}
