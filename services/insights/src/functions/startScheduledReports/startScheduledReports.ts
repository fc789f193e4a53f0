import { isMonth, monthOf, previousMonth } from '../../report/domain/month';
import { pendingReport, scheduledReportId } from '../../report/domain/report';
import type { Clock, ListActiveUsers, SavePendingReport, StartReportWorkflow } from '../../report/ports';

/** The schedule's payload; `month` lets an operator re-run one month by hand (default: the previous month). */
export interface ScheduledReportsEvent {
  month?: string;
}

export interface ScheduledReportsResult {
  month: string;
  started: number;
  alreadyStarted: number;
  failed: number;
}

export interface StartScheduledReportsDependencies {
  listActiveUsers: ListActiveUsers;
  savePendingReport: SavePendingReport;
  startReportWorkflow: StartReportWorkflow;
  now: Clock;
  /** Users started at the same time (StartExecution has a per-account rate limit). */
  concurrency?: number;
}

/** Some users' reports could not be started: thrown after the whole run so that the retried run picks them up. */
export class ScheduledReportsIncompleteError extends Error {
  constructor(readonly result: ScheduledReportsResult) {
    super(`${result.failed} of the ${result.month} reports could not be started`);
    this.name = 'ScheduledReportsIncompleteError';
  }
}

async function forEachLimited<T>(items: T[], limit: number, run: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await run(items[next++] as T);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

/**
 * The monthly schedule's function: starts the report of every user active in the month (the previous one by
 * default). Each user's report id and execution name come from user and month, so a second run (a retry, or an
 * operator's re-run) starts nobody twice.
 */
export function startScheduledReports(deps: StartScheduledReportsDependencies) {
  return async (event: ScheduledReportsEvent | null): Promise<ScheduledReportsResult> => {
    const month = event?.month ?? previousMonth(monthOf(deps.now()));
    if (!isMonth(month)) throw new TypeError(`Not a month (YYYY-MM): ${month}`);
    const result: ScheduledReportsResult = { month, started: 0, alreadyStarted: 0, failed: 0 };
    const startFor = async (userId: string) => {
      const key = { userId, reportId: scheduledReportId(userId, month) };
      try {
        await deps.savePendingReport(pendingReport(key, month, deps.now()));
        const outcome = await deps.startReportWorkflow({
          ...key,
          month,
          correlationId: `monthly-report-${month}`,
        });
        if (outcome === 'started') result.started++;
        else result.alreadyStarted++;
      } catch {
        result.failed++;
      }
    };
    let cursor: string | undefined;
    do {
      const page = await deps.listActiveUsers(month, cursor);
      await forEachLimited(page.userIds, deps.concurrency ?? 10, startFor);
      cursor = page.cursor;
    } while (cursor);
    if (result.failed > 0) throw new ScheduledReportsIncompleteError(result);
    return result;
  };
}
