import { describe, expect, it } from '@jest/globals';
import { pendingReport, type Report } from '../../report/domain/report';
import type { EndedExecution } from '../../report/ports';
import type { MarkReportFailedInput } from '../markReportFailed/markReportFailed';
import { SWEEP_LOOKBACK_MS, sweepUnfinishedReports } from './sweepUnfinishedReports';

const NOW = new Date('2026-11-15T10:00:00Z');
const job = (reportId: string) => ({
  userId: 'u1',
  reportId,
  month: '2026-10',
  correlationId: `c-${reportId}`,
});

function sweep(executions: EndedExecution[], reports: Record<string, Report>) {
  const marked: MarkReportFailedInput[] = [];
  const metrics: [string, number][] = [];
  const since: Date[] = [];
  const run = sweepUnfinishedReports({
    listEndedExecutions: async (from) => {
      since.push(from);
      return executions;
    },
    findReport: async ({ reportId }) => reports[reportId],
    markReportFailed: async (input) => void marked.push(input),
    now: () => NOW,
    recordMetric: (name, value) => void metrics.push([name, value]),
  });
  return { run, marked, metrics, since };
}

describe('sweepUnfinishedReports', () => {
  it('marks failed the pending report of each execution that timed out, was stopped or failed unmarked', async () => {
    const pending = (id: string) => pendingReport(job(id), '2026-10', NOW);
    const { run, marked, metrics, since } = sweep(
      [
        { job: job('r-timeout'), status: 'TIMED_OUT' },
        { job: job('r-aborted'), status: 'ABORTED', cause: 'stopped by ops' },
        { job: job('r-unmarked'), status: 'FAILED', error: 'ReportNotMarked', cause: 'table gone' },
      ],
      {
        'r-timeout': pending('r-timeout'),
        'r-aborted': pending('r-aborted'),
        'r-unmarked': pending('r-unmarked'),
      },
    );

    const result = await run();

    expect(result).toEqual({ examined: 3, markedFailed: 3 });
    expect(marked.map(({ reportId, error }) => [reportId, error])).toEqual([
      ['r-timeout', { Error: 'States.Timeout', Cause: 'The report execution timed out' }],
      ['r-aborted', { Error: 'ExecutionAborted', Cause: 'stopped by ops' }],
      ['r-unmarked', { Error: 'ReportNotMarked', Cause: 'table gone' }],
    ]);
    expect(metrics).toEqual([['UnfinishedReportsSwept', 3]]);
    expect(since).toEqual([new Date(NOW.getTime() - SWEEP_LOOKBACK_MS)]);
  });

  it('leaves final reports and reports that no longer exist alone, and records nothing', async () => {
    const ready = { ...pendingReport(job('r-ready'), '2026-10', NOW), status: 'ready' as const };
    const { run, marked, metrics } = sweep(
      [
        { job: job('r-ready'), status: 'FAILED', error: 'ReportFailed' },
        { job: job('r-gone'), status: 'ABORTED' },
      ],
      { 'r-ready': ready },
    );

    expect(await run()).toEqual({ examined: 2, markedFailed: 0 });
    expect(marked).toEqual([]);
    expect(metrics).toEqual([]);
  });
});
