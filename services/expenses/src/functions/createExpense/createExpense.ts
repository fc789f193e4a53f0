import { createEvent, ExpenseRecorded } from '@spendwise/contracts';
import { HttpProblemError, type HttpRequest, type HttpResult, httpHandler } from '@spendwise/lambda-kit/http';
import { type CatalogCopyReaders, categoryForMerchant, requestedCategory } from '../../domain/categoryChoice';
import { CategoryArchivedError, UnknownCategoryError } from '../../domain/errors';
import { type Expense, recordExpense, snapshotOf } from '../../domain/expense';
import type { CreateExpenseRequest } from '../../generated/http';
import { validateCreateExpenseRequest } from '../../generated/httpValidators';
import { eventContext } from '../../http/eventContext';
import { expenseHeaders, presentExpense } from '../../http/present';
import { withDomainErrors } from '../../http/problems';
import { requestHash } from '../../http/requestHash';
import type {
  Clock,
  FindReplay,
  IdempotencyClaim,
  IdGenerator,
  SaveNewExpense,
  SaveNewExpenseResult,
} from '../../ports';

export interface CreateExpenseDependencies extends CatalogCopyReaders {
  saveNewExpense: SaveNewExpense;
  findReplay: FindReplay;
  now: Clock;
  newId: IdGenerator;
  /** Called once per newly recorded expense (not for a replay), e.g. to count it in a metric. */
  onRecorded?: (expense: Expense) => void;
}

const IDEMPOTENCY_KEY = /^[A-Za-z0-9_.:-]{8,128}$/;

/**
 * POST /expenses: records an expense and its ExpenseRecorded event atomically; replays on a repeated
 * Idempotency-Key. The category must be a default, `uncategorized` or one of the caller's active categories (per
 * the copy of the catalog); without one, the caller's merchant rule decides, else `uncategorized`.
 */
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
    const { categoryId, merchant } = request.body;
    const claim = key === undefined ? undefined : { key, requestHash: requestHash(request.body) };
    let choice: Awaited<ReturnType<typeof requestedCategory>>;
    try {
      choice =
        categoryId === undefined
          ? await categoryForMerchant(deps, request.userId, merchant)
          : await requestedCategory(deps, request.userId, categoryId);
    } catch (error) {
      // A retry of a request that was recorded before its category was archived gets the first answer again.
      const replay = await replayOnRefusal(deps, request.userId, claim, error);
      if (replay) return created(replay);
      throw error;
    }
    const expense = recordExpense(
      { ...request.body, categoryId: choice.categoryId },
      {
        userId: request.userId,
        expenseId: deps.newId(),
        now: deps.now(),
      },
    );
    const event = createEvent(ExpenseRecorded, { expense: snapshotOf(expense) }, eventContext(request));
    const guard = choice.guardOwnCategory ? { ownCategoryId: choice.categoryId } : undefined;
    const result = await deps.saveNewExpense(expense, event, claim, guard);
    if (result.outcome === 'created') deps.onRecorded?.(result.expense);
    return created(result);
  });
}

/** The first answer to this key when the category was refused and the key was already used, else undefined. */
async function replayOnRefusal(
  deps: CreateExpenseDependencies,
  userId: string,
  claim: IdempotencyClaim | undefined,
  error: unknown,
): Promise<SaveNewExpenseResult | undefined> {
  const refused = error instanceof UnknownCategoryError || error instanceof CategoryArchivedError;
  return refused && claim ? deps.findReplay(userId, claim) : undefined;
}

function created(result: SaveNewExpenseResult): HttpResult {
  return {
    statusCode: 201,
    body: presentExpense(result.expense),
    headers: {
      ...expenseHeaders(result.expense),
      location: `/expenses/${result.expense.expenseId}`,
      ...(result.outcome === 'replayed' ? { 'idempotent-replayed': 'true' } : {}),
    },
  };
}

export const createExpenseHandler = (deps: CreateExpenseDependencies) =>
  httpHandler(createExpense(deps), {
    body: validateCreateExpenseRequest,
    requiredScopes: ['spendwise/expenses.write'],
  });
