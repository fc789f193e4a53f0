import { describe, expect, it } from '@jest/globals';
import type { EventEnvelope } from '@spendwise/contracts';
import { pendingReport, type Report } from '../../report/domain/report';
import { octoberStatistics } from '../../report/testing/fixtures';
import { saveReport } from './saveReport';

const job = {
  userId: 'user-1',
  reportId: '6f1c1a9e-2c44-4f7e-9d0b-6b1c0c7c1a11',
  month: '2026-10',
  correlationId: 'corr-1',
};
const now = () => new Date('2026-11-01T06:00:05Z');
const recommendation = {
  title: 'Cook at home',
  detail: 'Plan three dinners a week at home to cut dining costs.',
};
const answer = {
  summary: 'You spent 699.50 EUR in October, 46% more than in September.',
  highlights: ['Groceries went over budget.'],
  recommendations: [recommendation, recommendation, recommendation],
};

function fakeStore(existing?: Report) {
  const finished: { report: Report; event: EventEnvelope }[] = [];
  const metrics: unknown[][] = [];
  return {
    finished,
    metrics,
    deps: {
      findReport: async () => existing,
      finishReport: async (report: Report, event: EventEnvelope) => {
        finished.push({ report, event });
        return 'finished' as const;
      },
      now,
      recordMetric: (...args: unknown[]) => void metrics.push(args),
    },
  };
}

const pending = pendingReport(job, job.month, new Date('2026-11-01T06:00:00Z'));

describe('saveReport', () => {
  it("saves the model's answer as a ready report with InsightReportReady (source model)", async () => {
    const store = fakeStore(pending);

    const result = await saveReport(store.deps)({
      ...job,
      statistics: octoberStatistics(),
      outcome: { source: 'model', answer, modelId: 'amazon.nova-micro-v1:0' },
    });

    expect(result).toEqual({ status: 'ready', source: 'model' });
    const [{ report, event }] = store.finished as [(typeof store.finished)[number]];
    expect(report).toMatchObject({
      status: 'ready',
      source: 'model',
      content: answer,
      createdAt: pending.createdAt,
    });
    expect(report.fallbackReason).toBeUndefined();
    expect(event.detailType).toBe('InsightReportReady');
    expect(event.detail.data).toEqual({
      reportId: job.reportId,
      month: '2026-10',
      source: 'model',
      summary: answer.summary,
    });
    expect(event.detail.metadata).toMatchObject({
      userId: 'user-1',
      correlationId: 'corr-1',
      causationId: job.reportId,
    });
    expect(store.metrics).toEqual([['ReportsGenerated', 1, 'Count', { source: 'model' }]]);
  });

  it('writes the fallback report, flagged with its reason, when the model was unavailable', async () => {
    const store = fakeStore(pending);

    await saveReport(store.deps)({
      ...job,
      statistics: octoberStatistics(),
      outcome: { source: 'fallback', fallbackReason: 'model-unavailable' },
    });

    const [{ report, event }] = store.finished as [(typeof store.finished)[number]];
    expect(report).toMatchObject({
      status: 'ready',
      source: 'fallback',
      fallbackReason: 'model-unavailable',
    });
    expect(report.content?.recommendations).toHaveLength(3);
    expect(event.detail.data).toMatchObject({ source: 'fallback', fallbackReason: 'model-unavailable' });
  });

  it('falls back with invalid-answer when the model answer no longer validates', async () => {
    const store = fakeStore(pending);

    await saveReport(store.deps)({
      ...job,
      statistics: octoberStatistics(),
      outcome: { source: 'model', answer: { ...answer, recommendations: [] }, modelId: 'm' },
    });

    expect(store.finished[0]?.report).toMatchObject({ source: 'fallback', fallbackReason: 'invalid-answer' });
  });

  it('leaves a report that is already ready alone and announces nothing', async () => {
    const store = fakeStore({ ...pending, status: 'ready', source: 'model' });

    const result = await saveReport(store.deps)({
      ...job,
      statistics: octoberStatistics(),
      outcome: { source: 'fallback', fallbackReason: 'model-unavailable' },
    });

    expect(result).toEqual({ status: 'ready', source: 'model' });
    expect(store.finished).toEqual([]);
    expect(store.metrics).toEqual([]);
  });
});
