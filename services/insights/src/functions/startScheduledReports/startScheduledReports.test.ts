import { describe, expect, it } from '@jest/globals';
import { testCalendar } from '@spendwise/test-kit';
import { type Report, type ReportJob, scheduledReportId } from '../../report/domain/report';
import { ScheduledReportsIncompleteError, startScheduledReports } from './startScheduledReports';

const cal = testCalendar();

const pages: Record<string, { userIds: string[]; cursor?: string }> = {
  start: { userIds: ['u1', 'u2'], cursor: 'p2' },
  p2: { userIds: ['u3'] },
};

/** The run over an in-memory table of reports (conditional put, conditional delete), recording its starts. */
function fakes(options: { failing?: string[]; reports?: Map<string, Report> } = {}) {
  const reports = options.reports ?? new Map<string, Report>();
  const started: ReportJob[] = [];
  const listed: [string, string | undefined][] = [];
  const run = startScheduledReports({
    listActiveUsers: async (month, cursor) => {
      listed.push([month, cursor]);
      return pages[cursor ?? 'start'] ?? { userIds: [] };
    },
    savePendingReport: async (report) => {
      if (reports.has(report.reportId)) return 'exists';
      reports.set(report.reportId, report);
      return 'created';
    },
    removePendingReport: async ({ reportId }) => {
      if (reports.get(reportId)?.status === 'pending') reports.delete(reportId);
    },
    startReportWorkflow: async (job) => {
      if (options.failing?.includes(job.userId)) throw new Error('StartExecution throttled');
      started.push(job);
      return 'started';
    },
    now: () => cal.now,
  });
  return { reports, started, listed, run };
}

describe('startScheduledReports', () => {
  it('starts the previous month report of every active user, page after page', async () => {
    const { started, listed, reports, run } = fakes();

    const result = await run({});

    expect(result).toEqual({ month: cal.previousMonth, started: 3, alreadyStarted: 0, failed: 0 });
    expect(listed).toEqual([
      [cal.previousMonth, undefined],
      [cal.previousMonth, 'p2'],
    ]);
    expect(started.map((job) => job.userId).sort()).toEqual(['u1', 'u2', 'u3']);
    expect([...reports.values()].every((r) => r.status === 'pending' && r.month === cal.previousMonth)).toBe(
      true,
    );
  });

  it('checks each report before starting it: a re-run finds them written and starts nobody twice', async () => {
    const month = cal.monthsAgo(2);
    const first = fakes();
    await first.run({ month });
    // The same table; one report has been finished in the meantime, the others are still pending.
    const u1 = scheduledReportId('u1', month);
    first.reports.set(u1, { ...(first.reports.get(u1) as Report), status: 'ready' });
    const rerun = fakes({ reports: first.reports });

    const result = await rerun.run({ month });

    expect(result).toEqual({ month, started: 0, alreadyStarted: 3, failed: 0 });
    expect(rerun.started).toEqual([]);
    expect(first.started.find((job) => job.userId === 'u1')?.reportId).toBe(u1);
    expect(u1).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(u1).not.toBe(scheduledReportId('u1', cal.monthsAgo(3)));
  });

  it('starts everyone it can, takes back the reports it could not start and fails; the retried run starts those', async () => {
    const { reports, started, run } = fakes({ failing: ['u2'] });

    const failure = run(null);

    await expect(failure).rejects.toBeInstanceOf(ScheduledReportsIncompleteError);
    await expect(failure).rejects.toMatchObject({ result: { started: 2, failed: 1 } });
    expect(started.map((job) => job.userId).sort()).toEqual(['u1', 'u3']);
    expect(reports.has(scheduledReportId('u2', cal.previousMonth))).toBe(false);

    const retried = fakes({ reports });
    expect(await retried.run(null)).toEqual({
      month: cal.previousMonth,
      started: 1,
      alreadyStarted: 2,
      failed: 0,
    });
    expect(retried.started.map((job) => job.userId)).toEqual(['u2']);
  });
});
