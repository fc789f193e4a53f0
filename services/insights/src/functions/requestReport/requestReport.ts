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
import type { Clock, DiscardPendingReport, SavePendingReport, StartReportWorkflow } from '../../report/ports';

export interface RequestReportDependencies {
  savePendingReport: SavePendingReport;
  discardPendingReport: DiscardPendingReport;
  startReportWorkflow: StartReportWorkflow;
  now: Clock;
  newReportId?: () => string;
}

/**
 * POST /insights/reports: records a pending report of the caller's month and starts its workflow (execution
 * named by the report id). If the workflow cannot be started the pending report is removed again, so a failed
 * request leaves nothing behind, and the caller gets 503 to retry.
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
    await deps.savePendingReport(pendingReport(key, month, now));
    try {
      await deps.startReportWorkflow({ ...key, month, correlationId: request.correlationId });
    } catch (error) {
      await deps.discardPendingReport(key);
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
    return {
      statusCode: 202,
      body: { reportId: key.reportId, status: 'pending' },
      headers: { location: `/insights/reports/${key.reportId}` },
    };
  };
}

export const requestReportHandler = (deps: RequestReportDependencies) =>
  httpHandler(requestReport(deps), {
    body: validateReportRequest,
    requiredScopes: ['spendwise/insights.write'],
  });
