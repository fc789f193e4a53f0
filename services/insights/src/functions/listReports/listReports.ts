import { type HttpRequest, type HttpResult, httpHandler } from '@spendwise/lambda-kit/http';
import type { ReportListQuery } from '../../generated/http';
import { validateReportListQuery } from '../../generated/httpValidators';
import { presentReportSummary, REPORT_CACHE_CONTROL } from '../../report/http/presentReport';
import type { ListReportsOfMonth } from '../../report/ports';

export interface ListReportsDependencies {
  listReportsOfMonth: ListReportsOfMonth;
}

/** GET /insights/reports?month=YYYY-MM: the caller's reports of that month, newest first. */
export function listReports(deps: ListReportsDependencies) {
  return async (request: HttpRequest<undefined, ReportListQuery>): Promise<HttpResult> => {
    const reports = await deps.listReportsOfMonth(request.userId, request.query.month);
    return {
      statusCode: 200,
      body: { items: reports.map(presentReportSummary) },
      headers: { 'cache-control': REPORT_CACHE_CONTROL },
    };
  };
}

export const listReportsHandler = (deps: ListReportsDependencies) =>
  httpHandler(listReports(deps), {
    query: validateReportListQuery,
    requiredScopes: ['spendwise/insights.read'],
  });
