import { createEvent, ExpenseUpdated } from '@spendwise/contracts';
import { HttpProblemError, type HttpRequest, type HttpResult, httpHandler } from '@spendwise/lambda-kit/http';
import { type CatalogCopyReaders, requestedCategory } from '../../domain/categoryChoice';
import { ExpenseNotFoundError } from '../../domain/errors';
import { changeExpense, snapshotOf } from '../../domain/expense';
import type { ExpenseIdPath, UpdateExpenseRequest } from '../../generated/http';
import { validateExpenseIdPath, validateUpdateExpenseRequest } from '../../generated/httpValidators';
import { eventContext } from '../../http/eventContext';
import { assertCurrentVersion, expectedVersion } from '../../http/preconditions';
import { expenseHeaders, presentExpense } from '../../http/present';
import { withDomainErrors } from '../../http/problems';
import type { CategoryGuard, Clock, FindExpense, SaveExpenseChange } from '../../ports';

export interface UpdateExpenseDependencies extends Pick<CatalogCopyReaders, 'findOwnCategory'> {
  findExpense: FindExpense;
  saveExpenseChange: SaveExpenseChange;
  now: Clock;
}

/**
 * PATCH /expenses/{id} with If-Match: applies the change only to the version the caller saw (412 otherwise),
 * and publishes ExpenseUpdated with the previous and current state. A new category must be usable (a default,
 * `uncategorized` or an active own category); an expense already in an archived category keeps it through
 * changes to its other fields.
 */
export function updateExpense(deps: UpdateExpenseDependencies) {
  return withDomainErrors(
    async (request: HttpRequest<UpdateExpenseRequest, unknown, ExpenseIdPath>): Promise<HttpResult> => {
      const expected = expectedVersion(request.headers['if-match']);
      if (expected === undefined) {
        throw new HttpProblemError(
          428,
          'PRECONDITION_REQUIRED',
          'Send If-Match with the ETag of the version you read',
        );
      }
      const current = await deps.findExpense(request.userId, request.path.id);
      if (!current) throw new ExpenseNotFoundError(request.path.id);
      assertCurrentVersion(expected, current.version);

      const { expense: next, changedFields } = changeExpense(current, request.body, deps.now());
      const guard = changedFields.includes('categoryId')
        ? await categoryGuard(deps, request.userId, next.categoryId)
        : undefined;
      if (changedFields.length > 0) {
        const event = createEvent(
          ExpenseUpdated,
          {
            expenseId: next.expenseId,
            version: next.version,
            changedFields,
            previous: snapshotOf(current),
            current: snapshotOf(next),
          },
          eventContext(request),
        );
        await deps.saveExpenseChange(next, expected, event, guard);
      }
      return { statusCode: 200, body: presentExpense(next), headers: expenseHeaders(next) };
    },
  );
}

/** Checks a newly assigned category; an own one is re-checked by the write itself. */
async function categoryGuard(
  deps: UpdateExpenseDependencies,
  userId: string,
  categoryId: string,
): Promise<CategoryGuard | undefined> {
  const choice = await requestedCategory(deps, userId, categoryId);
  return choice.guardOwnCategory ? { ownCategoryId: categoryId } : undefined;
}

export const updateExpenseHandler = (deps: UpdateExpenseDependencies) =>
  httpHandler(updateExpense(deps), {
    body: validateUpdateExpenseRequest,
    path: validateExpenseIdPath,
    requiredScopes: ['spendwise/expenses.write'],
  });
