import { isMonth, monthOf, previousMonth } from '../../report/domain/month';
import { pendingReport, scheduledReportId } from '../../report/domain/report';
import type {
  Clock,
  ListActiveUsers,
  RemovePendingReport,
  SavePendingReport,
  StartReportWorkflow,
} from '../../report/ports';

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
  /** The check before starting: writes the pending report only if there is none ('exists': nothing started). */
  savePendingReport: SavePendingReport;
  /** Takes back a pending report whose execution could not be started, so that the retried run starts it. */
  removePendingReport: RemovePendingReport;
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
 * default). Each user's report id comes from user and month, and a report is started only by the run that wrote
 * it pending (a conditional put): a second run (a retry, or an operator's re-run) finds the report (pending,
 * ready or failed) and starts nothing, since an EXPRESS workflow does not refuse a repeated execution name
 * (ADR 29). A report whose execution could not be started is taken back (only while still pending), so the
 * retried run writes and starts it again; one left behind all the same (the take-back failed too, or the run
 * stopped between the two) is finished by the sweeper, failed with InsightReportFailed.
 */
export function startScheduledReports(deps: StartScheduledReportsDependencies) {
  return async (event: ScheduledReportsEvent | null): Promise<ScheduledReportsResult> => {
    const month = event?.month ?? previousMonth(monthOf(deps.now()));
    if (!isMonth(month)) throw new TypeError(`Not a month (YYYY-MM): ${month}`);
    const result: ScheduledReportsResult = { month, started: 0, alreadyStarted: 0, failed: 0 };
    const startFor = async (userId: string) => {
      const key = { userId, reportId: scheduledReportId(userId, month) };
      let saved = false;
      try {
        if ((await deps.savePendingReport(pendingReport(key, month, deps.now()))) === 'exists') {
          result.alreadyStarted++;
          return;
        }
        saved = true;
        const outcome = await deps.startReportWorkflow({
          ...key,
          month,
          correlationId: `monthly-report-${month}`,
        });
        if (outcome === 'started') result.started++;
        else result.alreadyStarted++;
      } catch {
        result.failed++;
        if (saved) await deps.removePendingReport(key).catch(() => undefined);
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
