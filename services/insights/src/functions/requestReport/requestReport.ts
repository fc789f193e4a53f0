import {
  badRequest,
  HttpProblemError,
  type HttpRequest,
  type HttpResult,
  httpHandler,
} from '@spendwise/lambda-kit/http';
import type { ReportRequest } from '../../generated/http';
import { validateReportRequest } from '../../generated/httpValidators';
import { isFutureMonth } from '../../report/domain/month';
import { newReportId, pendingReport } from '../../report/domain/report';
import type { Clock, DiscardPendingReport, ReserveReport, StartReportWorkflow } from '../../report/ports';

/** New reports a user may request per UTC day unless configured (`REPORT_DAILY_LIMIT`). */
export const DEFAULT_DAILY_REPORT_LIMIT = 10;

export interface RequestReportDependencies {
  reserveReport: ReserveReport;
  discardPendingReport: DiscardPendingReport;
  startReportWorkflow: StartReportWorkflow;
  now: Clock;
  /** New reports per user and UTC day (default DEFAULT_DAILY_REPORT_LIMIT). */
  dailyLimit?: number;
  newReportId?: () => string;
}

/** `REPORT_DAILY_LIMIT` as a positive integer; anything else is a configuration error at cold start. */
export function dailyLimitFromEnv(value: string | undefined): number {
  if (value === undefined || value === '') return DEFAULT_DAILY_REPORT_LIMIT;
  const limit = Number(value);
  if (!Number.isInteger(limit) || limit < 1)
    throw new Error(`REPORT_DAILY_LIMIT must be a positive integer; got: ${value}`);
  return limit;
}

const pendingAnswer = (reportId: string, statusCode: 200 | 202): HttpResult => ({
  statusCode,
  body: { reportId, status: 'pending' },
  headers: { location: `/insights/reports/${reportId}` },
});

/**
 * POST /insights/reports: records a pending report of the caller's month and starts its workflow (execution
 * named by the report id). Each request may start an Express execution and a model call, so it is limited:
 * while a report of the same month is in flight the request answers 200 with that report (nothing started),
 * and past the daily limit it answers 429 REPORT_LIMIT_REACHED with Retry-After (the next UTC day). If the
 * workflow cannot be started the pending report is removed again, so a failed request leaves nothing behind
 * (nor counts), and the caller gets 503 to retry.
 */
export function requestReport(deps: RequestReportDependencies) {
  return async (request: HttpRequest<ReportRequest>): Promise<HttpResult> => {
    const { month } = request.body;
    const now = deps.now();
    if (isFutureMonth(month, now)) {
      throw badRequest('INVALID_MONTH', `${month} has not started yet`, [
        { path: '/body/month', message: 'must not be in the future' },
      ]);
    }
    const key = { userId: request.userId, reportId: (deps.newReportId ?? newReportId)() };
    const report = pendingReport(key, month, now);
    const reservation = await deps.reserveReport(report, {
      dailyLimit: deps.dailyLimit ?? DEFAULT_DAILY_REPORT_LIMIT,
    });
    if (reservation.outcome === 'in-flight') return pendingAnswer(reservation.reportId, 200);
    if (reservation.outcome === 'limit-reached') {
      throw new HttpProblemError(
        429,
        'REPORT_LIMIT_REACHED',
        `At most ${reservation.limit} reports can be requested per day; try again tomorrow (UTC)`,
        { limit: reservation.limit },
        { headers: { 'retry-after': String(reservation.retryAfterSeconds) } },
      );
    }
    try {
      await deps.startReportWorkflow({ ...key, month, correlationId: request.correlationId });
    } catch (error) {
      await deps.discardPendingReport(report);
      throw new HttpProblemError(
        503,
        'REPORT_NOT_STARTED',
        'The report could not be started; try again',
        {},
        {
          cause: error,
          headers: { 'retry-after': '5' },
        },
      );
    }
    return pendingAnswer(key.reportId, 202);
  };
}

export const requestReportHandler = (deps: RequestReportDependencies) =>
  httpHandler(requestReport(deps), {
    body: validateReportRequest,
    requiredScopes: ['spendwise/insights.write'],
  });
