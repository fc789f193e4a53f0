import { createEvent, ExpenseRecorded } from '@spendwise/contracts';
import { HttpProblemError, type HttpRequest, type HttpResult, httpHandler } from '@spendwise/lambda-kit/http';
import { recordExpense, snapshotOf } from '../../domain/expense';
import type { CreateExpenseRequest } from '../../generated/http';
import { validateCreateExpenseRequest } from '../../generated/httpValidators';
import { eventContext } from '../../http/eventContext';
import { expenseHeaders, presentExpense } from '../../http/present';
import { withDomainErrors } from '../../http/problems';
import { requestHash } from '../../http/requestHash';
import type { Clock, IdGenerator, SaveNewExpense } from '../../ports';

export interface CreateExpenseDependencies {
  saveNewExpense: SaveNewExpense;
  now: Clock;
  newId: IdGenerator;
}

const IDEMPOTENCY_KEY = /^[A-Za-z0-9_.:-]{8,128}$/;

/** POST /expenses: records an expense and its ExpenseRecorded event atomically; replays on a repeated Idempotency-Key. */
export function createExpense(deps: CreateExpenseDependencies) {
  return withDomainErrors(async (request: HttpRequest<CreateExpenseRequest>): Promise<HttpResult> => {
    const key = request.headers['idempotency-key'];
    if (key !== undefined && !IDEMPOTENCY_KEY.test(key)) {
      throw new HttpProblemError(
        400,
        'INVALID_IDEMPOTENCY_KEY',
        'Idempotency-Key must be 8 to 128 characters of letters, digits, "_", ".", ":" or "-"',
      );
    }
    const expense = recordExpense(request.body, {
      userId: request.userId,
      expenseId: deps.newId(),
      now: deps.now(),
    });
    const event = createEvent(ExpenseRecorded, { expense: snapshotOf(expense) }, eventContext(request));
    const claim = key === undefined ? undefined : { key, requestHash: requestHash(request.body) };
    const result = await deps.saveNewExpense(expense, event, claim);
    return {
      statusCode: 201,
      body: presentExpense(result.expense),
      headers: {
        ...expenseHeaders(result.expense),
        location: `/expenses/${result.expense.expenseId}`,
        ...(result.outcome === 'replayed' ? { 'idempotent-replayed': 'true' } : {}),
      },
    };
  });
}

export const createExpenseHandler = (deps: CreateExpenseDependencies) =>
  httpHandler(createExpense(deps), {
    body: validateCreateExpenseRequest,
    requiredScopes: ['spendwise/expenses.write'],
  });
