import { type HttpRequest, type HttpResult, httpHandler } from '@spendwise/lambda-kit/http';
import { ExpenseNotFoundError } from '../../domain/errors';
import type { ExpenseIdPath } from '../../generated/http';
import { validateExpenseIdPath } from '../../generated/httpValidators';
import { etagOf, expenseHeaders, presentExpense } from '../../http/present';
import { withDomainErrors } from '../../http/problems';
import type { FindExpense } from '../../ports';

export interface GetExpenseDependencies {
  findExpense: FindExpense;
}

/** GET /expenses/{id}: one of the caller's expenses, with its ETag; 304 when If-None-Match still matches. */
export function getExpense(deps: GetExpenseDependencies) {
  return withDomainErrors(
    async (request: HttpRequest<unknown, unknown, ExpenseIdPath>): Promise<HttpResult> => {
      const expense = await deps.findExpense(request.userId, request.path.id);
      if (!expense) throw new ExpenseNotFoundError(request.path.id);
      if (request.headers['if-none-match'] === etagOf(expense)) {
        return { statusCode: 304, headers: expenseHeaders(expense) };
      }
      return { statusCode: 200, body: presentExpense(expense), headers: expenseHeaders(expense) };
    },
  );
}

export const getExpenseHandler = (deps: GetExpenseDependencies) =>
  httpHandler(getExpense(deps), { path: validateExpenseIdPath, requiredScopes: ['spendwise/expenses.read'] });
