import type { EventEnvelope } from '@spendwise/contracts';
import type { CatalogCopyChange } from './domain/catalogCopy';
import type { Expense } from './domain/expense';

export type { FindMerchantRule, FindOwnCategory } from './domain/categoryChoice';

/** A request replay guard: the key a client sent and a hash of what it asked for. */
export interface IdempotencyClaim {
  key: string;
  requestHash: string;
}

/** Outcome of saving a new expense: freshly created, or the original answer to an earlier identical request. */
export type SaveNewExpenseResult =
  | { outcome: 'created'; expense: Expense }
  | { outcome: 'replayed'; expense: Expense };

/**
 * What the write re-checks in the copy of the catalog: the expense's own category must still exist and be
 * active when the transaction commits (else UnknownCategoryError / CategoryArchivedError, nothing written).
 */
export interface CategoryGuard {
  ownCategoryId: string;
}

/**
 * Saves a new expense together with the event announcing it, atomically. With a claim, a second call with the
 * same key and hash replays the first result; the same key with another hash throws IdempotencyKeyReusedError.
 */
export type SaveNewExpense = (
  expense: Expense,
  event: EventEnvelope,
  claim?: IdempotencyClaim,
  guard?: CategoryGuard,
) => Promise<SaveNewExpenseResult>;

/**
 * The first answer to a request with this Idempotency-Key, if one was recorded: `replayed` when the hash matches,
 * IdempotencyKeyReusedError when it does not, undefined when the key was never used.
 */
export type FindReplay = (
  userId: string,
  claim: IdempotencyClaim,
) => Promise<SaveNewExpenseResult | undefined>;

/** Reads one of the owner's expenses, strongly consistent. */
export type FindExpense = (userId: string, expenseId: string) => Promise<Expense | undefined>;

export interface ExpensePageRequest {
  userId: string;
  month: string;
  categoryId?: string;
  limit: number;
  cursor?: string;
}

export interface ExpensePage {
  items: Expense[];
  nextCursor?: string;
}

/** Lists the owner's expenses of a month (optionally one category), newest first, one page at a time. */
export type ListExpenses = (request: ExpensePageRequest) => Promise<ExpensePage>;

/** Replaces an expense with its next version if it is still at `expectedVersion`, with its event, atomically. */
export type SaveExpenseChange = (
  expense: Expense,
  expectedVersion: number,
  event: EventEnvelope,
  guard?: CategoryGuard,
) => Promise<void>;

/** Deletes an expense if it is still at `expectedVersion`, with its event, atomically. */
export type DeleteExpense = (
  expense: Expense,
  expectedVersion: number,
  event: EventEnvelope,
) => Promise<void>;

/**
 * Writes a catalog change into the copy if it is newer than the stored entry (conditional on the version), so
 * duplicates and late, older events change nothing: 'ignored' then.
 */
export type ApplyCatalogCopyChange = (change: CatalogCopyChange) => Promise<'applied' | 'ignored'>;

export type Clock = () => Date;
export type IdGenerator = () => string;
