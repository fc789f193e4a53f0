import { describe, expect, it } from '@jest/globals';
import { type Report, type ReportJob, scheduledReportId } from '../../report/domain/report';
import { ScheduledReportsIncompleteError, startScheduledReports } from './startScheduledReports';

const pages: Record<string, { userIds: string[]; cursor?: string }> = {
  start: { userIds: ['u1', 'u2'], cursor: 'p2' },
  p2: { userIds: ['u3'] },
};

function fakes(options: { alreadyStarted?: string[]; failing?: string[] } = {}) {
  const saved: Report[] = [];
  const started: ReportJob[] = [];
  const listed: [string, string | undefined][] = [];
  const run = startScheduledReports({
    listActiveUsers: async (month, cursor) => {
      listed.push([month, cursor]);
      return pages[cursor ?? 'start'] ?? { userIds: [] };
    },
    savePendingReport: async (report) => {
      saved.push(report);
      return 'created';
    },
    startReportWorkflow: async (job) => {
      if (options.failing?.includes(job.userId)) throw new Error('StartExecution throttled');
      started.push(job);
      return options.alreadyStarted?.includes(job.userId) ? 'already-started' : 'started';
    },
    now: () => new Date('2026-11-01T06:00:00Z'),
  });
  return { saved, started, listed, run };
}

describe('startScheduledReports', () => {
  it('starts the previous month report of every active user, page after page', async () => {
    const { started, listed, saved, run } = fakes();

    const result = await run({});

    expect(result).toEqual({ month: '2026-10', started: 3, alreadyStarted: 0, failed: 0 });
    expect(listed).toEqual([
      ['2026-10', undefined],
      ['2026-10', 'p2'],
    ]);
    expect(started.map((job) => job.userId).sort()).toEqual(['u1', 'u2', 'u3']);
    expect(saved.every((report) => report.status === 'pending' && report.month === '2026-10')).toBe(true);
  });

  it('names each report after its user and month, so a second run starts nobody twice', async () => {
    const { started, run } = fakes({ alreadyStarted: ['u1', 'u2', 'u3'] });

    const result = await run({ month: '2026-09' });

    expect(result).toEqual({ month: '2026-09', started: 0, alreadyStarted: 3, failed: 0 });
    expect(started.find((job) => job.userId === 'u1')?.reportId).toBe(scheduledReportId('u1', '2026-09'));
    expect(scheduledReportId('u1', '2026-09')).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
    expect(scheduledReportId('u1', '2026-09')).not.toBe(scheduledReportId('u1', '2026-10'));
  });

  it('starts everyone it can and then fails, so that the retried run picks up the rest', async () => {
    const { started, run } = fakes({ failing: ['u2'] });

    const failure = run(null);

    await expect(failure).rejects.toBeInstanceOf(ScheduledReportsIncompleteError);
    await expect(failure).rejects.toMatchObject({ result: { started: 2, failed: 1 } });
    expect(started.map((job) => job.userId).sort()).toEqual(['u1', 'u3']);
  });
});
