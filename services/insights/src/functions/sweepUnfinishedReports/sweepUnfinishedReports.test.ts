import { describe, expect, it } from '@jest/globals';
import { testCalendar } from '@spendwise/test-kit';
import { pendingReport, type Report, type ReportKey } from '../../report/domain/report';
import type { MarkReportFailedInput } from '../markReportFailed/markReportFailed';
import { sweepUnfinishedReports, UNFINISHED_AFTER_MS } from './sweepUnfinishedReports';

const cal = testCalendar();
const NOW = cal.now;
const minutesAgo = (minutes: number) => new Date(NOW.getTime() - minutes * 60_000);
const key = (reportId: string): ReportKey => ({ userId: 'u1', reportId });
const pendingAt = (reportId: string, at: Date): Report => pendingReport(key(reportId), cal.previousMonth, at);

function sweep(listed: ReportKey[], reports: Record<string, Report>) {
  const marked: MarkReportFailedInput[] = [];
  const metrics: [string, number][] = [];
  const asked: Date[] = [];
  const run = sweepUnfinishedReports({
    listReportsPendingSince: async (before) => {
      asked.push(before);
      return listed;
    },
    findReport: async ({ reportId }) => reports[reportId],
    markReportFailed: async (input) => void marked.push(input),
    now: () => NOW,
    recordMetric: (name, value) => void metrics.push([name, value]),
  });
  return { run, marked, metrics, asked };
}

describe('sweepUnfinishedReports', () => {
  it('marks failed every report the pending index lists as pending for longer than any execution of it', async () => {
    const { run, marked, metrics, asked } = sweep([key('r-old'), key('r-older')], {
      'r-old': pendingAt('r-old', minutesAgo(11)),
      'r-older': pendingAt('r-older', minutesAgo(60 * 24)),
    });

    const result = await run();

    expect(result).toEqual({ examined: 2, markedFailed: 2 });
    expect(asked).toEqual([new Date(NOW.getTime() - UNFINISHED_AFTER_MS)]);
    expect(
      marked.map(({ reportId, month, correlationId, error }) => [
        reportId,
        month,
        correlationId,
        error?.Error,
      ]),
    ).toEqual([
      ['r-old', cal.previousMonth, 'r-old', 'ReportUnfinished'],
      ['r-older', cal.previousMonth, 'r-older', 'ReportUnfinished'],
    ]);
    expect(marked[0]?.error?.Cause).toMatch(/still pending 11 minutes after it was requested/);
    expect(metrics).toEqual([['UnfinishedReportsSwept', 2]]);
  });

  it('leaves alone what the lagging index still lists but is final, gone, or younger than the limit', async () => {
    const ready: Report = { ...pendingAt('r-ready', minutesAgo(30)), status: 'ready' };
    const { run, marked, metrics } = sweep([key('r-ready'), key('r-gone'), key('r-young')], {
      'r-ready': ready,
      'r-young': pendingAt('r-young', minutesAgo(2)),
    });

    expect(await run()).toEqual({ examined: 3, markedFailed: 0 });
    expect(marked).toEqual([]);
    expect(metrics).toEqual([]);
  });
});
