import type { Clock, FindReport, ListReportsPendingSince } from '../../report/ports';
import type { RecordMetric } from '../../report/workflowStep';
import type { MarkReportFailedInput } from '../markReportFailed/markReportFailed';

/**
 * How long a report may stay pending before the sweeper finishes it: an EXPRESS execution stops after 5 minutes
 * at the latest (the definition's own TimeoutSeconds is shorter), and a report is written pending just before its
 * execution starts, so twice that is past any execution of it, with a margin for a slow start (ADR 29).
 */
export const UNFINISHED_AFTER_MS = 10 * 60 * 1000;

/** The States-style error a swept report is marked failed with (reason `report-unfinished`). */
export const UNFINISHED_ERROR = 'ReportUnfinished';

export interface SweepUnfinishedReportsDependencies {
  listReportsPendingSince: ListReportsPendingSince;
  findReport: FindReport;
  /** The MarkReportFailed use case: marks the report failed and announces InsightReportFailed. */
  markReportFailed: (input: MarkReportFailedInput) => Promise<unknown>;
  now: Clock;
  /** `UnfinishedReportsSwept` (alarmed: the workflow left a report pending). */
  recordMetric: RecordMetric;
}

export interface SweepResult {
  /** Reports the pending index listed as pending for too long, looked at. */
  examined: number;
  /** Those that were still pending and are now failed. */
  markedFailed: number;
}

/**
 * The sweeper (every 15 minutes): the state machine marks every report it cannot produce failed, but not when
 * marking failed itself keeps failing (ReportNotMarked), nor when the whole execution times out, is stopped, or
 * never started. Every report still pending UNFINISHED_AFTER_MS after it was requested is past any execution of
 * it: it is marked failed here (reason `report-unfinished`), with its InsightReportFailed event and its in-flight
 * marker removed. The reports come from the table's PendingReports index, not from the Step Functions APIs
 * (ListExecutions and DescribeExecution do not serve EXPRESS workflows). Idempotent: a report found final when
 * read again (the index lags the table) is left alone.
 */
export function sweepUnfinishedReports(deps: SweepUnfinishedReportsDependencies) {
  return async (): Promise<SweepResult> => {
    const now = deps.now();
    const before = new Date(now.getTime() - UNFINISHED_AFTER_MS);
    const keys = await deps.listReportsPendingSince(before);
    let markedFailed = 0;
    for (const key of keys) {
      const report = await deps.findReport(key);
      if (report?.status !== 'pending' || report.createdAt >= before.toISOString()) continue;
      const minutes = Math.floor((now.getTime() - Date.parse(report.createdAt)) / 60_000);
      await deps.markReportFailed({
        ...key,
        month: report.month,
        correlationId: report.reportId,
        error: {
          Error: UNFINISHED_ERROR,
          Cause: `The report was still pending ${minutes} minutes after it was requested: its workflow ended without finishing it (timed out, stopped, or failed to mark it failed) or never started`,
        },
      });
      markedFailed++;
    }
    if (markedFailed > 0) deps.recordMetric('UnfinishedReportsSwept', markedFailed, 'Count');
    return { examined: keys.length, markedFailed };
  };
}
