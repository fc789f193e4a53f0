import { cacheableRead, type HttpRequest, type HttpResult, httpHandler } from '@spendwise/lambda-kit/http';
import { presentBudget } from '../../http/present';
import { withDomainErrors } from '../../http/problems';
import type { ListBudgets } from '../../ports';

export interface ListBudgetsDependencies {
  listBudgets: ListBudgets;
}

/** GET /budgets: the caller's budgets in force, with an ETag; 304 when If-None-Match still matches. */
export function listBudgets(deps: ListBudgetsDependencies) {
  return withDomainErrors(async (request: HttpRequest): Promise<HttpResult> => {
    const budgets = await deps.listBudgets(request.userId);
    return cacheableRead({ items: budgets.map(presentBudget) }, request.headers['if-none-match']);
  });
}

export const listBudgetsHandler = (deps: ListBudgetsDependencies) =>
  httpHandler(listBudgets(deps), { requiredScopes: ['spendwise/catalog.read'] });
