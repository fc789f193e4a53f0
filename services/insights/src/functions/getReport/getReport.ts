import { type HttpRequest, type HttpResult, httpHandler, notFound } from '@spendwise/lambda-kit/http';
import type { ReportIdPath } from '../../generated/http';
import { validateReportIdPath } from '../../generated/httpValidators';
import { presentReport, REPORT_CACHE_CONTROL } from '../../report/http/presentReport';
import type { FindReport } from '../../report/ports';

export interface GetReportDependencies {
  findReport: FindReport;
}

/**
 * GET /insights/reports/{id}: one of the caller's reports. Reports are keyed by their owner (from the token), so
 * another user's report is simply not found: 404, as for an id that does not exist.
 */
export function getReport(deps: GetReportDependencies) {
  return async (
    request: HttpRequest<undefined, Record<string, string>, ReportIdPath>,
  ): Promise<HttpResult> => {
    const report = await deps.findReport({ userId: request.userId, reportId: request.path.id });
    if (!report) throw notFound('REPORT_NOT_FOUND', `No report ${request.path.id}`);
    return {
      statusCode: 200,
      body: presentReport(report),
      headers: { 'cache-control': REPORT_CACHE_CONTROL },
    };
  };
}

export const getReportHandler = (deps: GetReportDependencies) =>
  httpHandler(getReport(deps), { path: validateReportIdPath, requiredScopes: ['spendwise/insights.read'] });
