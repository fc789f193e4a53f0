/**
 * The PendingReports index on the real insights table (DynamoDB Local, created from resources/table.yml): a report
 * is in it exactly while it is pending, the sweeper finds there the reports pending for too long and finishes
 * them once, and the monthly run checks the table before starting a report (ADR 29).
 */
import { randomUUID } from 'node:crypto';
import { PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { freshTable, testCalendar } from '@spendwise/test-kit';
import { markReportFailed } from '../src/functions/markReportFailed/markReportFailed';
import { saveReport } from '../src/functions/saveReport/saveReport';
import { startScheduledReports } from '../src/functions/startScheduledReports/startScheduledReports';
import {
  sweepUnfinishedReports,
  UNFINISHED_AFTER_MS,
} from '../src/functions/sweepUnfinishedReports/sweepUnfinishedReports';
import { indexPendingReports } from '../src/ops/indexPendingReports';
import { PENDING_REPORTS_INDEX, pendingShards, reportItem } from '../src/report/adapters/reportItems';
import { buildReportStore, type ReportStore } from '../src/report/adapters/reportStore';
import { pendingReport, type ReportJob, scheduledReportId } from '../src/report/domain/report';
import { octoberStatistics } from '../src/report/testing/fixtures';

let table: Awaited<ReturnType<typeof freshTable>>;
let store: ReportStore;
const cal = testCalendar();
/** Report ids are UUIDs (the events' schema says so). */
const ID = {
  ready: randomUUID(),
  failed: randomUUID(),
  discarded: randomUUID(),
  abandoned: randomUUID(),
  running: randomUUID(),
  stuck: randomUUID(),
  again: randomUUID(),
  legacy: randomUUID(),
  legacyReady: randomUUID(),
};
/** The table's clock: the time reports are requested at. Tests move it on to let reports age. */
let clock = cal.now;
const now = () => clock;

beforeAll(async () => {
  table = await freshTable(new URL('../resources/table.yml', import.meta.url), 'InsightsTable');
  store = buildReportStore(table.documentClient, { tableName: table.tableName, now });
});

afterAll(() => table.client.destroy());

/** Every entry of the pending index, all shards: the report ids. */
async function indexed(): Promise<string[]> {
  const ids: string[] = [];
  for (const shard of pendingShards()) {
    const { Items = [] } = await table.documentClient.send(
      new QueryCommand({
        TableName: table.tableName,
        IndexName: PENDING_REPORTS_INDEX,
        KeyConditionExpression: 'pendingShard = :shard',
        ExpressionAttributeValues: { ':shard': shard },
      }),
    );
    for (const item of Items) {
      // Keys only: the table's and the index's keys, nothing of the report.
      expect(Object.keys(item).sort()).toEqual(['PK', 'SK', 'pendingShard', 'pendingSince']);
      ids.push(String(item.SK).replace('REPORT#', ''));
    }
  }
  return ids.sort();
}

const recorded: { name: string; value: number }[] = [];
const recordMetric = (name: string, value: number) => void recorded.push({ name, value });
const fail = () =>
  markReportFailed({ findReport: store.findReport, finishReport: store.finishReport, now, recordMetric });
const sweeper = () =>
  sweepUnfinishedReports({
    listReportsPendingSince: store.listReportsPendingSince,
    findReport: store.findReport,
    markReportFailed: fail(),
    now,
    recordMetric,
  });

const outboxOf = async (reportId: string) =>
  (await table.allItems())
    .filter((item) => item.type === 'Outbox' && String(item.detail).includes(reportId))
    .map((item) => String(item.detailType));

const job = (userId: string, reportId: string, month = cal.previousMonth): ReportJob => ({
  userId,
  reportId,
  month,
  correlationId: `corr-${reportId}`,
});

describe('the pending-reports index and the sweeper on DynamoDB Local', () => {
  it('holds a report exactly while it is pending: written with it, gone with its final write or discard', async () => {
    clock = cal.now;
    // Three requested reports, of three months (one in flight per month).
    const ready = job('ana', ID.ready, cal.monthsAgo(1));
    const failed = job('ana', ID.failed, cal.monthsAgo(2));
    const discarded = job('ana', ID.discarded, cal.monthsAgo(3));
    for (const report of [ready, failed, discarded])
      expect(
        await store.reserveReport(pendingReport(report, report.month, now()), { dailyLimit: 10 }),
      ).toEqual({
        outcome: 'created',
      });
    expect(await indexed()).toEqual([ID.discarded, ID.failed, ID.ready].sort());

    await saveReport({ findReport: store.findReport, finishReport: store.finishReport, now, recordMetric })({
      ...ready,
      statistics: octoberStatistics(),
      outcome: { source: 'fallback', fallbackReason: 'not-enough-data' },
    });
    await fail()({ ...failed, error: { Error: 'ReportFailed', Cause: 'the read models are unreachable' } });
    await store.discardPendingReport(pendingReport(discarded, discarded.month, now()));

    expect(await indexed()).toEqual([]);
    expect((await store.findReport(ready))?.status).toBe('ready');
    expect((await store.findReport(failed))?.status).toBe('failed');
    expect(await store.findReport(discarded)).toBeUndefined();
  });

  it('finishes, failed and announced once, the reports pending longer than any execution, and only those', async () => {
    clock = cal.now;
    const old = job('ben', ID.abandoned);
    const young = job('ben', ID.running, cal.monthsAgo(2));
    await store.savePendingReport(pendingReport(old, old.month, now()));
    clock = new Date(cal.now.getTime() + UNFINISHED_AFTER_MS / 2);
    await store.savePendingReport(pendingReport(young, young.month, now()));

    // Just past the limit for the first report, half-way for the second.
    clock = new Date(cal.now.getTime() + UNFINISHED_AFTER_MS + 60_000);
    const first = await sweeper()();
    const second = await sweeper()();

    expect(first).toEqual({ examined: 1, markedFailed: 1 });
    expect(second).toEqual({ examined: 0, markedFailed: 0 });
    expect(await store.findReport(old)).toMatchObject({
      status: 'failed',
      failure: { reason: 'report-unfinished', message: expect.stringMatching(/still pending 11 minutes/) },
    });
    expect(await store.findReport(young)).toMatchObject({ status: 'pending' });
    expect(await outboxOf(old.reportId)).toEqual(['InsightReportFailed']);
    expect(await outboxOf(young.reportId)).toEqual([]);
    expect(recorded).toContainEqual({ name: 'UnfinishedReportsSwept', value: 1 });
    expect(await indexed()).toEqual([ID.running]);
  });

  it('removes the in-flight marker of a swept report, so its owner can ask again at once', async () => {
    clock = cal.now;
    const month = cal.monthsAgo(4);
    const stuck = job('cleo', ID.stuck, month);
    expect(await store.reserveReport(pendingReport(stuck, month, now()), { dailyLimit: 10 })).toEqual({
      outcome: 'created',
    });
    const again = pendingReport(job('cleo', ID.again, month), month, now());
    expect(await store.reserveReport(again, { dailyLimit: 10 })).toEqual({
      outcome: 'in-flight',
      reportId: ID.stuck,
    });

    clock = new Date(cal.now.getTime() + UNFINISHED_AFTER_MS + 60_000);
    await sweeper()();

    expect((await store.findReport(stuck))?.status).toBe('failed');
    expect(await table.allItems()).not.toContainEqual(
      expect.objectContaining({ SK: `REPORT_IN_FLIGHT#${month}` }),
    );
  });
});

describe('the monthly run checks the table before starting a report', () => {
  it('starts each report once however often the run is repeated, and again after a refused start', async () => {
    clock = cal.now;
    const month = cal.monthsAgo(5);
    const started: ReportJob[] = [];
    let refuse = ['dora'];
    const run = () =>
      startScheduledReports({
        listActiveUsers: async () => ({ userIds: ['dan', 'dora'] }),
        savePendingReport: store.savePendingReport,
        removePendingReport: store.removePendingReport,
        startReportWorkflow: async (scheduled) => {
          if (refuse.includes(scheduled.userId)) throw new Error('StartExecution throttled');
          started.push(scheduled);
          return 'started';
        },
        now,
      })({ month });

    await expect(run()).rejects.toMatchObject({ result: { started: 1, failed: 1 } });
    const dora = { userId: 'dora', reportId: scheduledReportId('dora', month) };
    expect(await store.findReport(dora)).toBeUndefined();

    refuse = [];
    const retried = await run();
    const repeated = await run();

    expect(retried).toEqual({ month, started: 1, alreadyStarted: 1, failed: 0 });
    expect(repeated).toEqual({ month, started: 0, alreadyStarted: 2, failed: 0 });
    expect(started.map((scheduled) => scheduled.userId)).toEqual(['dan', 'dora']);
    expect((await store.findReport(dora))?.status).toBe('pending');
  });
});

describe('the one-off indexing of reports written pending before the index (indexPendingReports)', () => {
  it('indexes each unindexed pending report once, so the sweeper finishes it, and leaves final reports alone', async () => {
    clock = cal.now;
    const month = cal.monthsAgo(6);
    const legacy = job('eve', ID.legacy, month);
    const legacyReady = job('eve', ID.legacyReady, cal.monthsAgo(7));
    // As the STANDARD workflow's store wrote them: the report item without pendingShard / pendingSince.
    const withoutIndexKeys = (item: Record<string, unknown>) => {
      const { pendingShard: _shard, pendingSince: _since, ...rest } = item;
      return rest;
    };
    await table.documentClient.send(
      new PutCommand({
        TableName: table.tableName,
        Item: withoutIndexKeys(reportItem(pendingReport(legacy, month, now()))),
      }),
    );
    await table.documentClient.send(
      new PutCommand({
        TableName: table.tableName,
        Item: withoutIndexKeys(
          reportItem({ ...pendingReport(legacyReady, legacyReady.month, now()), status: 'ready' }),
        ),
      }),
    );
    const before = await indexed();

    const first = await indexPendingReports(table.documentClient, table.tableName);
    const second = await indexPendingReports(table.documentClient, table.tableName);
    clock = new Date(cal.now.getTime() + UNFINISHED_AFTER_MS + 60_000);
    const swept = await sweeper()();

    expect(before).not.toContain(ID.legacy);
    expect(first).toEqual({ indexed: 1, skipped: 0 });
    expect(second).toEqual({ indexed: 0, skipped: 0 });
    expect(swept.markedFailed).toBeGreaterThanOrEqual(1);
    expect(await store.findReport(legacy)).toMatchObject({
      status: 'failed',
      failure: { reason: 'report-unfinished' },
    });
    expect((await store.findReport(legacyReady))?.status).toBe('ready');
    expect(await indexed()).not.toContain(ID.legacy);
  });
});
