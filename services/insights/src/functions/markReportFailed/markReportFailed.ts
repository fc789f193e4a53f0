import { createEvent, InsightReportFailed } from '@spendwise/contracts';
import { pendingReport, type Report, type ReportJob } from '../../report/domain/report';
import type { Clock, FindReport, FinishReport } from '../../report/ports';
import type { RecordMetric } from '../../report/workflowStep';

/** The error a Catch put in the state's input: `{ Error, Cause }`. */
export interface CaughtError {
  Error?: string;
  Cause?: string;
}

export interface MarkReportFailedInput extends ReportJob {
  error?: CaughtError;
}

export interface MarkReportFailedDependencies {
  findReport: FindReport;
  finishReport: FinishReport;
  now: Clock;
  recordMetric: RecordMetric;
}

const MAX_MESSAGE = 1000;

/** A States error name as the event's stable reason code: `States.Timeout` → `states-timeout`. */
export function failureReason(errorName: string | undefined): string {
  const reason = (errorName ?? '')
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^[^a-z]+|-+$/g, '')
    .slice(0, 64)
    .replace(/-+$/, '');
  return reason || 'unknown-error';
}

/** The Cause for operators: a Lambda error's message rather than its whole JSON with the stack trace. */
export function failureMessage(cause: string | undefined): string {
  let message = cause ?? 'No cause was given';
  try {
    const parsed = JSON.parse(message) as { errorMessage?: unknown };
    if (typeof parsed.errorMessage === 'string') message = parsed.errorMessage;
  } catch {
    // not JSON: the cause is the message
  }
  return message.slice(0, MAX_MESSAGE);
}

/**
 * Workflow step MarkReportFailed: the report could not be produced at all (not even by the fallback). Marks it
 * failed and announces InsightReportFailed in one transaction, unless it is already ready or failed.
 */
export function markReportFailed(deps: MarkReportFailedDependencies) {
  return async (input: MarkReportFailedInput): Promise<{ status: Report['status'] }> => {
    const existing = await deps.findReport(input);
    if (existing && existing.status !== 'pending') return { status: existing.status };
    const now = deps.now();
    const failure = {
      reason: failureReason(input.error?.Error),
      message: failureMessage(input.error?.Cause),
    };
    const report: Report = {
      ...(existing ?? pendingReport(input, input.month, now)),
      status: 'failed',
      failure,
      updatedAt: now.toISOString(),
    };
    const event = createEvent(
      InsightReportFailed,
      { reportId: report.reportId, month: report.month, ...failure },
      { userId: report.userId, correlationId: input.correlationId, causationId: report.reportId },
    );
    if ((await deps.finishReport(report, event)) === 'finished')
      deps.recordMetric('ReportsFailed', 1, 'Count');
    return { status: 'failed' };
  };
}
