import { BudgetRemoved, createEvent } from '@spendwise/contracts';
import { type HttpRequest, type HttpResult, httpHandler } from '@spendwise/lambda-kit/http';
import { budgetSnapshot, removeBudget as remove } from '../../domain/budget';
import type { BudgetPath } from '../../generated/http';
import { validateBudgetPath } from '../../generated/httpValidators';
import { eventContext } from '../../http/eventContext';
import { assertCurrentVersion, expectedVersion } from '../../http/preconditions';
import { withDomainErrors } from '../../http/problems';
import type { Clock, FindBudget, SaveBudget } from '../../ports';

export interface RemoveBudgetDependencies {
  findBudget: FindBudget;
  saveBudget: SaveBudget;
  now: Clock;
}

/** DELETE /budgets/{categoryId} (optional If-Match): removes the budget and publishes BudgetRemoved. */
export function removeBudget(deps: RemoveBudgetDependencies) {
  return withDomainErrors(async (request: HttpRequest<unknown, unknown, BudgetPath>): Promise<HttpResult> => {
    const expected = expectedVersion(request.headers['if-match']);
    const { categoryId } = request.path;
    const current = await deps.findBudget(request.userId, categoryId);
    const removed = remove(current, categoryId, deps.now());
    assertCurrentVersion(expected, removed.version - 1);

    const event = createEvent(
      BudgetRemoved,
      { categoryId, version: removed.version, budget: budgetSnapshot(current ?? removed) },
      eventContext(request),
    );
    await deps.saveBudget(removed, removed.version - 1, event);
    return { statusCode: 204 };
  });
}

export const removeBudgetHandler = (deps: RemoveBudgetDependencies) =>
  httpHandler(removeBudget(deps), { path: validateBudgetPath, requiredScopes: ['spendwise/catalog.write'] });
