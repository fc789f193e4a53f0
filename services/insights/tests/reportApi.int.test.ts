/**
 * The report API and the workflow's save steps on the real insights table (DynamoDB Local, created from
 * resources/table.yml): pending, ready and failed reports with their outbox records, owner-only reads, listing.
 */
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { HttpResponse } from '@spendwise/lambda-kit/http';
import { httpEvent, lambdaContext } from '@spendwise/lambda-kit/testing';
import { freshTable, testCalendar } from '@spendwise/test-kit';
import { getReportHandler } from '../src/functions/getReport/getReport';
import { listReportsHandler } from '../src/functions/listReports/listReports';
import { markReportFailed } from '../src/functions/markReportFailed/markReportFailed';
import { requestReportHandler } from '../src/functions/requestReport/requestReport';
import { saveReport } from '../src/functions/saveReport/saveReport';
import { startScheduledReports } from '../src/functions/startScheduledReports/startScheduledReports';
import { buildReportStore, type ReportStore } from '../src/report/adapters/reportStore';
import { type ReportJob, scheduledReportId } from '../src/report/domain/report';
import { octoberStatistics } from '../src/report/testing/fixtures';

let table: Awaited<ReturnType<typeof freshTable>>;
let store: ReportStore;
const started: ReportJob[] = [];
// The handlers' clock: this file's instant of the process clock, frozen so that every step of a test agrees.
const cal = testCalendar();
const now = () => cal.now;

beforeAll(async () => {
  table = await freshTable(new URL('../resources/table.yml', import.meta.url), 'InsightsTable');
  store = buildReportStore(table.documentClient, { tableName: table.tableName, now });
});

afterAll(() => table.client.destroy());

const claims = (sub: string, scope: string) => ({ sub, scope });

/** POST /insights/reports as the deployed handler runs it, over the real table; the workflow start is recorded. */
async function post(
  userId: string,
  month: string,
  options: { dailyLimit?: number; startFails?: boolean } = {},
) {
  const handler = requestReportHandler({
    reserveReport: store.reserveReport,
    discardPendingReport: store.discardPendingReport,
    startReportWorkflow: async (job) => {
      if (options.startFails) throw new Error('StartExecution failed');
      started.push(job);
      return 'started';
    },
    now,
    ...(options.dailyLimit === undefined ? {} : { dailyLimit: options.dailyLimit }),
  });
  const response = (await handler(
    httpEvent({
      method: 'POST',
      path: '/insights/reports',
      body: { month },
      claims: claims(userId, 'spendwise/insights.write'),
    }),
    lambdaContext(),
  )) as HttpResponse;
  return {
    status: response.statusCode,
    headers: response.headers ?? {},
    body: JSON.parse(response.body as string) as Record<string, unknown>,
  };
}

/** Requests a new report (202) and returns its id. */
async function request(userId: string, month: string) {
  const response = await post(userId, month);
  expect(response.status).toBe(202);
  return response.body.reportId as string;
}

const startsOf = (userId: string) => started.filter((job) => job.userId === userId);

async function get(userId: string, reportId: string) {
  const response = (await getReportHandler({ findReport: store.findReport })(
    httpEvent({
      path: `/insights/reports/${reportId}`,
      pathParameters: { id: reportId },
      claims: claims(userId, 'spendwise/insights.read'),
    }),
    lambdaContext(),
  )) as HttpResponse;
  return { status: response.statusCode, body: JSON.parse(response.body as string) };
}

async function list(userId: string, month: string) {
  const response = (await listReportsHandler({ listReportsOfMonth: store.listReportsOfMonth })(
    httpEvent({
      path: '/insights/reports',
      query: { month },
      claims: claims(userId, 'spendwise/insights.read'),
    }),
    lambdaContext(),
  )) as HttpResponse;
  return { status: response.statusCode, body: JSON.parse(response.body as string) };
}

const outboxOf = async (reportId: string) =>
  (await table.allItems()).filter((item) => item.type === 'Outbox' && String(item.detail).includes(reportId));

const steps = {
  save: () =>
    saveReport({
      findReport: store.findReport,
      finishReport: store.finishReport,
      now,
      recordMetric: () => {},
    }),
  fail: () =>
    markReportFailed({
      findReport: store.findReport,
      finishReport: store.finishReport,
      now,
      recordMetric: () => {},
    }),
};

describe('the report API and the workflow steps on DynamoDB Local', () => {
  it('records a pending report that its owner can read while the workflow runs', async () => {
    const reportId = await request('alice', cal.previousMonth);

    const { status, body } = await get('alice', reportId);

    expect(status).toBe(200);
    expect(body).toMatchObject({ reportId, month: cal.previousMonth, status: 'pending' });
    expect(started.at(-1)).toMatchObject({ userId: 'alice', reportId, month: cal.previousMonth });
  });

  it('saves a ready report and its InsightReportReady outbox record in one go, only once', async () => {
    const reportId = await request('erin', cal.previousMonth);
    const job = { userId: 'erin', reportId, month: cal.previousMonth, correlationId: 'corr-1' };
    const input = {
      ...job,
      statistics: octoberStatistics(),
      outcome: { source: 'fallback' as const, fallbackReason: 'model-unavailable' as const },
    };

    await steps.save()(input);
    await steps.save()(input);

    const { body } = await get('erin', reportId);
    expect(body).toMatchObject({ status: 'ready', source: 'fallback', fallbackReason: 'model-unavailable' });
    expect(body.recommendations).toHaveLength(3);
    expect(body.statistics.totals[0]).toMatchObject({ currency: 'EUR', minorUnits: 69_950 });
    const outbox = await outboxOf(reportId);
    expect(outbox).toHaveLength(1);
    expect(outbox[0]).toMatchObject({ detailType: 'InsightReportReady', source: 'spendwise.insights' });
    expect(JSON.parse(String(outbox[0]?.detail)).data).toMatchObject({
      reportId,
      source: 'fallback',
      fallbackReason: 'model-unavailable',
    });
  });

  it('marks a report failed with InsightReportFailed, and a failed report stays failed', async () => {
    const reportId = await request('alice', cal.monthsAgo(2));
    const job = { userId: 'alice', reportId, month: cal.monthsAgo(2), correlationId: 'corr-2' };

    await steps.fail()({ ...job, error: { Error: 'States.Timeout', Cause: 'took too long' } });
    await steps.save()({
      ...job,
      statistics: octoberStatistics(),
      outcome: { source: 'fallback', fallbackReason: 'not-enough-data' },
    });

    const { body } = await get('alice', reportId);
    expect(body).toMatchObject({ status: 'failed', failureReason: 'states-timeout' });
    const outbox = await outboxOf(reportId);
    expect(outbox.map((item) => item.detailType)).toEqual(['InsightReportFailed']);
  });

  it("answers 404 for another user's report, exactly as for an unknown id", async () => {
    const reportId = await request('alice', cal.monthsAgo(3));

    const other = await get('mallory', reportId);
    const unknown = await get('alice', '0b7e3c1e-5f1a-4c55-8f0e-3f6f1f9d2a77');

    expect(other).toEqual({ status: 404, body: expect.objectContaining({ code: 'REPORT_NOT_FOUND' }) });
    expect(unknown.status).toBe(404);
  });

  it("lists the caller's reports of one month only, newest first", async () => {
    const first = await request('bob', cal.monthsAgo(4));
    await steps.save()({
      userId: 'bob',
      reportId: first,
      month: cal.monthsAgo(4),
      correlationId: 'corr-3',
      statistics: octoberStatistics(),
      outcome: { source: 'fallback', fallbackReason: 'not-enough-data' },
    });
    const second = await request('bob', cal.monthsAgo(4));
    await request('bob', cal.monthsAgo(5));
    await request('carol', cal.monthsAgo(4));

    const { status, body } = await list('bob', cal.monthsAgo(4));

    expect(status).toBe(200);
    expect(body.items.map((item: { reportId: string }) => item.reportId).sort()).toEqual(
      [first, second].sort(),
    );
    expect(
      body.items.every((item: { month: string; status: string }) => item.month === cal.monthsAgo(4)),
    ).toBe(true);
  });

  it('removes the pending report when the workflow cannot be started', async () => {
    const handler = requestReportHandler({
      reserveReport: store.reserveReport,
      discardPendingReport: store.discardPendingReport,
      startReportWorkflow: async () => {
        throw new Error('StartExecution failed');
      },
      now,
      newReportId: () => '3d0f6a52-8e7b-4c1e-9a55-0c2b5f1e7d10',
    });

    const response = (await handler(
      httpEvent({
        method: 'POST',
        path: '/insights/reports',
        body: { month: cal.monthsAgo(6) },
        claims: claims('dave', 'spendwise/insights.write'),
      }),
      lambdaContext(),
    )) as HttpResponse;

    expect(response.statusCode).toBe(503);
    expect(
      await store.findReport({ userId: 'dave', reportId: '3d0f6a52-8e7b-4c1e-9a55-0c2b5f1e7d10' }),
    ).toBeUndefined();
  });
});

describe('the limits of POST /insights/reports on DynamoDB Local', () => {
  const finish = (userId: string, reportId: string, month: string) =>
    steps.save()({
      userId,
      reportId,
      month,
      correlationId: `corr-${reportId}`,
      statistics: octoberStatistics(),
      outcome: { source: 'fallback', fallbackReason: 'not-enough-data' },
    });

  it('answers a second request of a month in flight with the pending report, 200, and starts nothing new', async () => {
    const first = await post('frank', cal.previousMonth);
    const second = await post('frank', cal.previousMonth);

    expect(first.status).toBe(202);
    expect(second).toMatchObject({
      status: 200,
      body: { reportId: first.body.reportId, status: 'pending' },
      headers: { location: `/insights/reports/${first.body.reportId}` },
    });
    expect(startsOf('frank').map((job) => job.reportId)).toEqual([first.body.reportId]);
    expect((await list('frank', cal.previousMonth)).body.items).toHaveLength(1);
  });

  it('starts one execution for concurrent requests of the same month', async () => {
    const answers = await Promise.all(Array.from({ length: 6 }, () => post('grace', cal.previousMonth)));

    const created = answers.filter((answer) => answer.status === 202);
    expect(created).toHaveLength(1);
    expect(answers.filter((answer) => answer.status === 200)).toHaveLength(5);
    expect(new Set(answers.map((answer) => answer.body.reportId))).toEqual(
      new Set([created[0]?.body.reportId]),
    );
    expect(startsOf('grace')).toHaveLength(1);
  });

  it('accepts a new report of the month once the previous one is final (ready or failed)', async () => {
    const first = await request('heidi', cal.previousMonth);
    await finish('heidi', first, cal.previousMonth);
    const second = await request('heidi', cal.previousMonth);
    await steps.fail()({
      userId: 'heidi',
      reportId: second,
      month: cal.previousMonth,
      correlationId: 'corr-h',
      error: { Error: 'States.Timeout' },
    });
    const third = await post('heidi', cal.previousMonth);

    expect(new Set([first, second, third.body.reportId]).size).toBe(3);
    expect(third.status).toBe(202);
    expect(startsOf('heidi')).toHaveLength(3);
  });

  it('is not held back by the in-flight marker of a report that is already final (the marker goes a moment later)', async () => {
    const first = await request('mia', cal.previousMonth);
    // The report is ready, as GET shows it, and its marker not yet removed.
    await table.documentClient.send(
      new UpdateCommand({
        TableName: table.tableName,
        Key: { PK: 'USER#mia', SK: `REPORT#${first}` },
        UpdateExpression: 'SET #status = :ready',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':ready': 'ready' },
      }),
    );

    const second = await post('mia', cal.previousMonth);

    expect(second.status).toBe(202);
    expect(second.body.reportId).not.toBe(first);
    expect(startsOf('mia')).toHaveLength(2);
  });

  it('refuses new reports past the daily limit with 429 REPORT_LIMIT_REACHED and Retry-After to the next UTC day', async () => {
    const limit = { dailyLimit: 2 };
    const lastMonth = await post('ivan', cal.previousMonth, limit);
    const twoMonthsAgo = await post('ivan', cal.monthsAgo(2), limit);
    const pendingAgain = await post('ivan', cal.previousMonth, limit);
    const threeMonthsAgo = await post('ivan', cal.monthsAgo(3), limit);
    const otherUser = await post('judy', cal.monthsAgo(3), limit);

    expect([lastMonth.status, twoMonthsAgo.status, pendingAgain.status]).toEqual([202, 202, 200]);
    expect(threeMonthsAgo.status).toBe(429);
    expect(threeMonthsAgo.headers['content-type']).toContain('application/problem+json');
    expect(threeMonthsAgo.body).toMatchObject({ code: 'REPORT_LIMIT_REACHED', limit: 2 });
    const midnight = new Date(now());
    midnight.setUTCHours(24, 0, 0, 0);
    // Whole seconds, rounded up: a client that waits that long finds the new day.
    expect(Number(threeMonthsAgo.headers['retry-after'])).toBe(
      Math.ceil((midnight.getTime() - now().getTime()) / 1000),
    );
    expect(otherUser.status).toBe(202);
    expect(startsOf('ivan')).toHaveLength(2);
    expect((await list('ivan', cal.monthsAgo(3))).body.items).toEqual([]);
  });

  it('counts a finished report against the limit, but not a request whose workflow could not start', async () => {
    const refused = await post('kim', cal.previousMonth, { dailyLimit: 1, startFails: true });
    const accepted = await post('kim', cal.previousMonth, { dailyLimit: 1 });
    await finish('kim', accepted.body.reportId as string, cal.previousMonth);
    const overLimit = await post('kim', cal.previousMonth, { dailyLimit: 1 });

    expect([refused.status, accepted.status, overLimit.status]).toEqual([503, 202, 429]);
  });

  it('still starts the scheduled report of a user who is at the limit with a report of that month in flight', async () => {
    const requested = await post('liam', cal.previousMonth, { dailyLimit: 1 });
    const scheduled = await startScheduledReports({
      listActiveUsers: async () => ({ userIds: ['liam'] }),
      savePendingReport: store.savePendingReport,
      removePendingReport: store.removePendingReport,
      startReportWorkflow: async (job) => {
        started.push(job);
        return 'started';
      },
      now,
    })({ month: cal.previousMonth });

    expect(requested.status).toBe(202);
    expect(scheduled).toMatchObject({ started: 1, failed: 0 });
    expect(startsOf('liam').map((job) => job.reportId)).toEqual([
      requested.body.reportId,
      scheduledReportId('liam', cal.previousMonth),
    ]);
  });
});
