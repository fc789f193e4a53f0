/**
 * End to end over the local cloud: the monthly report workflow (Step Functions, the local Bedrock model) under
 * model faults. A throttled model that recovers still writes the report; a model that answers garbage or always
 * fails gives a flagged fallback report and an alert on the operators' ops-alerts topic.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { demoCalendar } from '../../scripts/demo/calendar';
import type { SpendwiseClient } from '../../scripts/demo/client';
import { type System, settled, startSystem, type TopicTap } from './support/system';

let system: System;
let client: SpendwiseClient;
let opsAlerts: TopicTap;
// The month of the expenses the reports are about: this month by the clock the system uses, taken once (a
// report names its month, so the test holds if the month ends while it runs).
const cal = demoCalendar();
const MONTH = cal.currentMonth;
/** Per test: long enough for a loaded 2-core CI running the whole suite (a workflow of several functions). */
const TEST_TIMEOUT_MS = 300_000;

interface Report {
  reportId: string;
  status: string;
  source?: string;
  fallbackReason?: string;
  summary?: string;
  highlights?: string[];
  recommendations?: unknown[];
}

beforeAll(async () => {
  system = await startSystem();
  opsAlerts = await system.tapTopic('ops-alerts');
  client = await system.as('e2e-reports');
  const spending: Array<[string, number]> = [
    ['groceries', 4200],
    ['groceries', 3900],
    ['dining', 2600],
    ['transport', 4900],
    ['groceries', 5100],
  ];
  for (const [categoryId, cents] of spending) {
    await client.api.expenses.create({
      amount: { minorUnits: cents, currency: 'EUR' },
      date: cal.current(10),
      categoryId,
    });
  }
  await settled(system);
  const summary = await client.expect<{ totals: Array<{ count: number }> }>(
    200,
    'insights',
    'GET',
    `/insights/summary?month=${MONTH}`,
  );
  expect(summary.totals.reduce((n, t) => n + t.count, 0)).toBe(spending.length);
}, 900_000);

afterAll(() => system?.stop());

beforeEach(() => system.setModelFaults({}));

async function reportFor(month: string): Promise<Report> {
  const { reportId } = await client.expect<{ reportId: string }>(
    202,
    'insights',
    'POST',
    '/insights/reports',
    {
      month,
    },
  );
  // The workflow, its retries and what it publishes are over once the system has settled.
  await settled(system);
  return client.expect<Report>(200, 'insights', 'GET', `/insights/reports/${reportId}`);
}

/** The ops alert about a report, delivered to the test's tap by the time the system has settled. */
async function opsAlertAbout(reportId: string): Promise<unknown> {
  await settled(system);
  await opsAlerts.drain();
  return opsAlerts.messages.find((m) => JSON.stringify(m).includes(reportId));
}

/**
 * The attempts of the report execution's AskModel task, from its history (the engine's own record: the EXPRESS
 * workflow's history is not served by GetExecutionHistory): `ok` or the error of each one.
 */
function askModelAttempts(reportId: string): string[] {
  const execution = system.cloud.engines.sfn.executions().find((run) => run.name === reportId);
  const attempts: string[] = [];
  let asking = false;
  for (const event of execution?.history ?? []) {
    const details = event as Record<string, { resource?: string; error?: string } | undefined>;
    if (event.type === 'LambdaFunctionScheduled')
      asking = Boolean(details.lambdaFunctionScheduledEventDetails?.resource?.endsWith('-askReportModel'));
    else if (asking && event.type === 'LambdaFunctionSucceeded') attempts.push('ok');
    else if (asking && event.type === 'LambdaFunctionFailed')
      attempts.push(String(details.lambdaFunctionFailedEventDetails?.error));
  }
  return attempts;
}

describe('the report workflow under model faults', () => {
  it(
    'retries a model throttled three times and publishes the report the model wrote',
    async () => {
      const model = system.cloud.engines.model;
      const before = model.requests.list(1)[0]?.sequence ?? 0;
      system.setModelFaults({ throttleNext: 3 });

      const report = await reportFor(MONTH);

      expect(report.status).toBe('ready');
      expect(report.source).toBe('model');
      expect(report.fallbackReason).toBeUndefined();
      expect(report.recommendations).toHaveLength(3);
      // Written from the month's figures by the local model, and saying so.
      expect(report.summary).toMatch(/^In \w+ \d{4} you spent /);
      expect(report.summary).toContain(
        '(Written by the Spendwise local model from the figures it was sent.)',
      );
      // The three throttles happened and the state machine retried each: the model's requests and the history.
      const sent = model.requests.list().filter((request) => request.sequence > before);
      expect(sent.map((request) => request.fault ?? 'answered')).toEqual([
        'throttle',
        'throttle',
        'throttle',
        'answered',
      ]);
      expect(askModelAttempts(report.reportId)).toEqual([
        'ModelThrottled',
        'ModelThrottled',
        'ModelThrottled',
        'ok',
      ]);
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'falls back, flagged, and alerts operators when the model answers garbage',
    async () => {
      system.setModelFaults({ malformedNext: 100 });

      const report = await reportFor(MONTH);

      expect(report).toMatchObject({ status: 'ready', source: 'fallback', fallbackReason: 'invalid-answer' });
      expect(report.recommendations).toHaveLength(3);
      const alert = JSON.stringify(await opsAlertAbout(report.reportId));
      expect(alert).toMatch(/invalid-answer/);
      expect(alert).toContain('docs/runbooks/insights-report-fallback.md');
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'falls back, flagged, and alerts operators when the model always fails',
    async () => {
      system.setModelFaults({ failAlways: true });

      const report = await reportFor(MONTH);

      expect(report).toMatchObject({
        status: 'ready',
        source: 'fallback',
        fallbackReason: 'model-unavailable',
      });
      expect(JSON.stringify(await opsAlertAbout(report.reportId))).toMatch(/model-unavailable/);
    },
    TEST_TIMEOUT_MS,
  );
});

describe('the monthly schedule', () => {
  it(
    'starts a report for every user active in the previous month, once however often it fires',
    async () => {
      const { client: active } = await system.user('e2e-last-month');
      // The schedule reports on the month before the server's "now" when it fires: if the month ends between
      // recording and firing, the month asked about is no longer the previous one, so start again in the new one.
      let previous = demoCalendar();
      for (;;) {
        await active.api.expenses.create({
          amount: { minorUnits: 2300, currency: 'EUR' },
          date: previous.previous(12),
          categoryId: 'dining',
        });
        await settled(system);
        await system.cloud.engines.scheduler.runNow(`spendwise-insights-${system.stage}-monthly-reports`);
        await system.cloud.engines.scheduler.runNow(`spendwise-insights-${system.stage}-monthly-reports`);
        await settled(system);
        const now = demoCalendar();
        if (now.previousMonth === previous.previousMonth) break;
        previous = now;
      }

      const reports = await active.expect<{ items: Report[] }>(
        200,
        'insights',
        'GET',
        `/insights/reports?month=${previous.previousMonth}`,
      );
      expect(reports.items).toHaveLength(1);
      // Fired twice, one execution: the second run found the report written and started nothing (the EXPRESS
      // workflow would not have refused a second execution of that name, ADR 29).
      const reportId = reports.items[0]?.reportId;
      expect(system.cloud.engines.sfn.executions().filter((run) => run.name === reportId)).toHaveLength(1);
      // One expense is not enough for the model: the deterministic report says so.
      expect(reports.items[0]).toMatchObject({
        status: 'ready',
        source: 'fallback',
        fallbackReason: 'not-enough-data',
      });
    },
    TEST_TIMEOUT_MS,
  );
});
