import { createEvent, ExpenseDeleted } from '@spendwise/contracts';
import { type HttpRequest, type HttpResult, httpHandler } from '@spendwise/lambda-kit/http';
import { ExpenseNotFoundError } from '../../domain/errors';
import { snapshotOf } from '../../domain/expense';
import type { ExpenseIdPath } from '../../generated/http';
import { validateExpenseIdPath } from '../../generated/httpValidators';
import { eventContext } from '../../http/eventContext';
import { assertCurrentVersion, expectedVersion } from '../../http/preconditions';
import { withDomainErrors } from '../../http/problems';
import type { DeleteExpense, FindExpense } from '../../ports';

export interface DeleteExpenseDependencies {
  findExpense: FindExpense;
  deleteExpense: DeleteExpense;
}

/** DELETE /expenses/{id}: removes the expense (guarded by If-Match when sent) and publishes ExpenseDeleted. */
export function deleteExpense(deps: DeleteExpenseDependencies) {
  return withDomainErrors(
    async (request: HttpRequest<unknown, unknown, ExpenseIdPath>): Promise<HttpResult> => {
      const expected = expectedVersion(request.headers['if-match']);
      const current = await deps.findExpense(request.userId, request.path.id);
      if (!current) throw new ExpenseNotFoundError(request.path.id);
      if (expected !== undefined) assertCurrentVersion(expected, current.version);

      const event = createEvent(
        ExpenseDeleted,
        { expenseId: current.expenseId, version: current.version, expense: snapshotOf(current) },
        eventContext(request),
      );
      await deps.deleteExpense(current, current.version, event);
      return { statusCode: 204 };
    },
  );
}

export const deleteExpenseHandler = (deps: DeleteExpenseDependencies) =>
  httpHandler(deleteExpense(deps), {
    path: validateExpenseIdPath,
    requiredScopes: ['spendwise/expenses.write'],
  });
