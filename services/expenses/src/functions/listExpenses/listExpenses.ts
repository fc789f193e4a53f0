import { type HttpRequest, type HttpResult, httpHandler } from '@spendwise/lambda-kit/http';
import type { ListExpensesQuery } from '../../generated/http';
import { validateListExpensesQuery } from '../../generated/httpValidators';
import { presentExpense } from '../../http/present';
import { withDomainErrors } from '../../http/problems';
import type { ListExpenses } from '../../ports';

export interface ListExpensesDependencies {
  listExpenses: ListExpenses;
}

export const DEFAULT_PAGE_SIZE = 50;

/** GET /expenses?month=&categoryId=&limit=&cursor=: the caller's expenses of a month, newest first, paginated. */
export function listExpenses(deps: ListExpensesDependencies) {
  return withDomainErrors(async (request: HttpRequest<unknown, ListExpensesQuery>): Promise<HttpResult> => {
    const { month, categoryId, limit, cursor } = request.query;
    const page = await deps.listExpenses({
      userId: request.userId,
      month,
      limit: limit === undefined ? DEFAULT_PAGE_SIZE : Number(limit),
      ...(categoryId ? { categoryId } : {}),
      ...(cursor ? { cursor } : {}),
    });
    return {
      statusCode: 200,
      body: {
        items: page.items.map(presentExpense),
        ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}),
      },
    };
  });
}

export const listExpensesHandler = (deps: ListExpensesDependencies) =>
  httpHandler(listExpenses(deps), {
    query: validateListExpensesQuery,
    requiredScopes: ['spendwise/expenses.read'],
  });
