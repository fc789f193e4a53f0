import { BudgetSet, createEvent } from '@spendwise/contracts';
import { type HttpRequest, type HttpResult, httpHandler } from '@spendwise/lambda-kit/http';
import { budgetSnapshot, setBudget as set } from '../../domain/budget';
import { assertUsable } from '../../domain/category';
import type { BudgetPath, SetBudgetRequest } from '../../generated/http';
import { validateBudgetPath, validateSetBudgetRequest } from '../../generated/httpValidators';
import { eventContext } from '../../http/eventContext';
import { assertCurrentVersion, expectedVersion, versionTag } from '../../http/preconditions';
import { presentBudget } from '../../http/present';
import { withDomainErrors } from '../../http/problems';
import type { Clock, FindBudget, FindCategory, SaveBudget } from '../../ports';

export interface SetBudgetDependencies {
  findCategory: FindCategory;
  findBudget: FindBudget;
  saveBudget: SaveBudget;
  now: Clock;
}

/** PUT /budgets/{categoryId} (optional If-Match): sets the monthly budget of a usable category; BudgetSet. */
export function setBudget(deps: SetBudgetDependencies) {
  return withDomainErrors(
    async (request: HttpRequest<SetBudgetRequest, unknown, BudgetPath>): Promise<HttpResult> => {
      const expected = expectedVersion(request.headers['if-match']);
      const { categoryId } = request.path;
      assertUsable(categoryId, await deps.findCategory(request.userId, categoryId));
      const previous = await deps.findBudget(request.userId, categoryId);
      if (previous && !previous.removed) assertCurrentVersion(expected, previous.version);

      const budget = set(previous, request.body, { userId: request.userId, categoryId, now: deps.now() });
      const event = createEvent(BudgetSet, { budget: budgetSnapshot(budget) }, eventContext(request));
      await deps.saveBudget(budget, previous?.version ?? 0, event);
      return {
        statusCode: previous && !previous.removed ? 200 : 201,
        body: presentBudget(budget),
        headers: { etag: versionTag(budget) },
      };
    },
  );
}

export const setBudgetHandler = (deps: SetBudgetDependencies) =>
  httpHandler(setBudget(deps), {
    body: validateSetBudgetRequest,
    path: validateBudgetPath,
    requiredScopes: ['spendwise/catalog.write'],
  });
