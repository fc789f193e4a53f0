import type { Clock, EndedExecution, FindReport, ListEndedExecutions } from '../../report/ports';
import type { RecordMetric } from '../../report/workflowStep';
import type { MarkReportFailedInput } from '../markReportFailed/markReportFailed';

/** How far back the sweeper looks: it runs every 15 minutes, so a day gives every execution many chances. */
export const SWEEP_LOOKBACK_MS = 24 * 60 * 60 * 1000;

export interface SweepUnfinishedReportsDependencies {
  listEndedExecutions: ListEndedExecutions;
  findReport: FindReport;
  /** The MarkReportFailed use case: marks the report failed and announces InsightReportFailed. */
  markReportFailed: (input: MarkReportFailedInput) => Promise<unknown>;
  now: Clock;
  /** `UnfinishedReportsSwept` (alarmed: the workflow left a report pending). */
  recordMetric: RecordMetric;
}

export interface SweepResult {
  /** Executions that ended without succeeding, looked at. */
  examined: number;
  /** Their reports that were still pending and are now failed. */
  markedFailed: number;
}

/** The States error the report is marked failed with: the execution's own, or what ended it. */
function errorOf(execution: EndedExecution): { Error: string; Cause: string } {
  if (execution.status === 'TIMED_OUT')
    return { Error: 'States.Timeout', Cause: execution.cause ?? 'The report execution timed out' };
  if (execution.status === 'ABORTED')
    return { Error: 'ExecutionAborted', Cause: execution.cause ?? 'The report execution was stopped' };
  return {
    Error: execution.error ?? 'ExecutionFailed',
    Cause: execution.cause ?? 'The report execution failed',
  };
}

/**
 * The sweeper (every 15 minutes): the state machine marks every report it cannot produce failed, but not when
 * marking failed itself keeps failing (ReportNotMarked), nor when the whole execution times out or is stopped.
 * For each execution of the last day that ended so, a report still pending is marked failed here, with its
 * InsightReportFailed event. Idempotent: a final report is left alone.
 */
export function sweepUnfinishedReports(deps: SweepUnfinishedReportsDependencies) {
  return async (): Promise<SweepResult> => {
    const since = new Date(deps.now().getTime() - SWEEP_LOOKBACK_MS);
    const executions = await deps.listEndedExecutions(since);
    let markedFailed = 0;
    for (const execution of executions) {
      const { job } = execution;
      if (!job.userId || !job.reportId) continue;
      const report = await deps.findReport(job);
      if (report?.status !== 'pending') continue;
      await deps.markReportFailed({
        ...job,
        month: report.month,
        correlationId: job.correlationId ?? report.reportId,
        error: errorOf(execution),
      });
      markedFailed++;
    }
    if (markedFailed > 0) deps.recordMetric('UnfinishedReportsSwept', markedFailed, 'Count');
    return { examined: executions.length, markedFailed };
  };
}
