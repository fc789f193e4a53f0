import { describe, expect, it } from '@jest/globals';
import type { EventEnvelope } from '@spendwise/contracts';
import { pendingReport, type Report } from '../../report/domain/report';
import { failureMessage, failureReason, markReportFailed } from './markReportFailed';

const job = {
  userId: 'user-1',
  reportId: '6f1c1a9e-2c44-4f7e-9d0b-6b1c0c7c1a11',
  month: '2026-10',
  correlationId: 'corr-1',
};

function fakeStore(existing?: Report) {
  const finished: { report: Report; event: EventEnvelope }[] = [];
  return {
    finished,
    deps: {
      findReport: async () => existing,
      finishReport: async (report: Report, event: EventEnvelope) => {
        finished.push({ report, event });
        return 'finished' as const;
      },
      now: () => new Date('2026-11-01T06:01:00Z'),
      recordMetric: () => {},
    },
  };
}

describe('markReportFailed', () => {
  it('marks the pending report failed and announces InsightReportFailed with a stable reason', async () => {
    const store = fakeStore(pendingReport(job, job.month, new Date('2026-11-01T06:00:00Z')));
    const cause = JSON.stringify({ errorType: 'Error', errorMessage: 'table is gone', trace: ['at x'] });

    await markReportFailed(store.deps)({ ...job, error: { Error: 'States.TaskFailed', Cause: cause } });

    const [{ report, event }] = store.finished as [(typeof store.finished)[number]];
    expect(report).toMatchObject({
      status: 'failed',
      failure: { reason: 'states-task-failed', message: 'table is gone' },
    });
    expect(event.detailType).toBe('InsightReportFailed');
    expect(event.detail.data).toEqual({
      reportId: job.reportId,
      month: '2026-10',
      reason: 'states-task-failed',
      message: 'table is gone',
    });
  });

  it('does nothing to a report that is already ready', async () => {
    const ready = { ...pendingReport(job, job.month, new Date()), status: 'ready' as const };
    const store = fakeStore(ready);

    const result = await markReportFailed(store.deps)({ ...job, error: { Error: 'States.Timeout' } });

    expect(result).toEqual({ status: 'ready' });
    expect(store.finished).toEqual([]);
  });
});

describe('failure reasons and messages', () => {
  it.each([
    ['States.Timeout', 'states-timeout'],
    ['Lambda.ServiceException', 'lambda-service-exception'],
    ['ModelUnavailable', 'model-unavailable'],
    [undefined, 'unknown-error'],
    ['42', 'unknown-error'],
  ])('turns %s into %s', (name, reason) => {
    expect(failureReason(name)).toBe(reason);
  });

  it('keeps a plain cause and cuts it to 1000 characters', () => {
    expect(failureMessage('x'.repeat(1_500))).toHaveLength(1_000);
    expect(failureMessage(undefined)).toBe('No cause was given');
  });
});
