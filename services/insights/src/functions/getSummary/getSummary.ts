import { cacheableRead, type HttpRequest, type HttpResult, httpHandler } from '@spendwise/lambda-kit/http';
import { previousMonth } from '../../domain/months';
import { summarizeMonth } from '../../domain/summary';
import type { SummaryQuery } from '../../generated/http';
import { validateSummaryQuery } from '../../generated/httpValidators';
import type { LoadMonthAggregates, LoadMonthTotals } from '../../ports';

export interface GetSummaryDependencies {
  loadMonthAggregates: LoadMonthAggregates;
  loadMonthTotals: LoadMonthTotals;
}

/**
 * GET /insights/summary?month=YYYY-MM: the caller's month (totals per category and currency, daily series,
 * budgets with progress, anomalies, change from the previous month), with an ETag; 304 when If-None-Match still
 * matches. The user is the token's subject only, so nobody can read another user's month.
 */
export function getSummary(deps: GetSummaryDependencies) {
  return async (request: HttpRequest<undefined, SummaryQuery>): Promise<HttpResult> => {
    const { month } = request.query;
    const [current, previous] = await Promise.all([
      deps.loadMonthAggregates(request.userId, month),
      deps.loadMonthTotals(request.userId, previousMonth(month)),
    ]);
    return cacheableRead(summarizeMonth(current, previous), request.headers['if-none-match']);
  };
}

export const getSummaryHandler = (deps: GetSummaryDependencies) =>
  httpHandler(getSummary(deps), { query: validateSummaryQuery, requiredScopes: ['spendwise/insights.read'] });
