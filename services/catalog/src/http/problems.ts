import { HttpProblemError, mapErrors } from '@spendwise/lambda-kit/http';
import {
  BudgetNotFoundError,
  CategoryArchivedError,
  CategoryExistsError,
  CategoryNotFoundError,
  ConcurrentChangeError,
  DefaultCategoryError,
  InvalidThresholdsError,
  MerchantRuleNotFoundError,
  StaleVersionError,
} from '../domain/errors';

/** Translates the service's domain errors into HTTP problems; anything else passes through untouched. */
export function asHttpProblem(error: unknown): unknown {
  if (error instanceof CategoryNotFoundError)
    return new HttpProblemError(404, 'CATEGORY_NOT_FOUND', `No category ${error.categoryId}`);
  if (error instanceof CategoryExistsError)
    return new HttpProblemError(409, 'CATEGORY_EXISTS', `A category with the id ${error.categoryId} exists`, {
      categoryId: error.categoryId,
    });
  if (error instanceof DefaultCategoryError)
    return new HttpProblemError(
      409,
      'DEFAULT_CATEGORY',
      `${error.categoryId} is a default category: it is read-only`,
    );
  if (error instanceof CategoryArchivedError)
    return new HttpProblemError(409, 'CATEGORY_ARCHIVED', `Category ${error.categoryId} is archived`);
  if (error instanceof BudgetNotFoundError)
    return new HttpProblemError(404, 'BUDGET_NOT_FOUND', `No budget for category ${error.categoryId}`);
  if (error instanceof MerchantRuleNotFoundError)
    return new HttpProblemError(404, 'MERCHANT_RULE_NOT_FOUND', `No merchant rule ${error.ruleId}`);
  if (error instanceof StaleVersionError)
    return new HttpProblemError(
      412,
      'VERSION_MISMATCH',
      'The item changed since you read it; re-read and retry',
    );
  if (error instanceof ConcurrentChangeError)
    return new HttpProblemError(
      409,
      'CONCURRENT_CHANGE',
      'Another request is changing the same item; retry in a moment',
      {},
      { headers: { 'retry-after': '1' } },
    );
  if (error instanceof InvalidThresholdsError)
    return new HttpProblemError(400, 'VALIDATION_FAILED', 'The request is not valid', {
      errors: [{ path: '/body/thresholds', message: 'must be strictly ascending' }],
    });
  return error;
}

/** Wraps a use case so that domain errors reach the client as problems. */
export const withDomainErrors = mapErrors(asHttpProblem);
