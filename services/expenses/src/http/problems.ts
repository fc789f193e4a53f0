import { HttpProblemError, mapErrors } from '@spendwise/lambda-kit/http';
import {
  CategoryArchivedError,
  ExpenseNotFoundError,
  IdempotencyKeyReusedError,
  ReceiptNotFoundError,
  StaleVersionError,
  UnknownCategoryError,
} from '../domain/errors';

/** Translates the service's domain errors into HTTP problems; anything else passes through untouched. */
export function asHttpProblem(error: unknown): unknown {
  if (error instanceof ExpenseNotFoundError) {
    return new HttpProblemError(404, 'EXPENSE_NOT_FOUND', `No expense ${error.expenseId}`);
  }
  if (error instanceof ReceiptNotFoundError) {
    return new HttpProblemError(
      404,
      'RECEIPT_NOT_FOUND',
      `Expense ${error.expenseId} has no receipt attached`,
    );
  }
  if (error instanceof StaleVersionError) {
    return new HttpProblemError(
      412,
      'VERSION_MISMATCH',
      'The expense changed since you read it; re-read and retry',
    );
  }
  if (error instanceof IdempotencyKeyReusedError) {
    return new HttpProblemError(
      422,
      'IDEMPOTENCY_KEY_REUSED',
      'This Idempotency-Key was already used for a different request; use a new key for a new expense',
    );
  }
  if (error instanceof UnknownCategoryError) {
    return new HttpProblemError(
      422,
      'UNKNOWN_CATEGORY',
      `There is no category ${error.categoryId}: use a default category, one of yours, or leave it out`,
      { categoryId: error.categoryId },
    );
  }
  if (error instanceof CategoryArchivedError) {
    return new HttpProblemError(
      422,
      'CATEGORY_ARCHIVED',
      `Category ${error.categoryId} is archived: expenses already in it stay, new ones cannot be filed under it`,
      { categoryId: error.categoryId },
    );
  }
  return error;
}

/** Wraps a use case so that domain errors reach the client as problems. */
export const withDomainErrors = mapErrors(asHttpProblem);
