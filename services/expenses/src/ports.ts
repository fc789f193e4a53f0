import type { EventEnvelope } from '@spendwise/contracts';
import type { CatalogCopyChange } from './domain/catalogCopy';
import type { Expense } from './domain/expense';
import type { PendingReceipt, ReceiptContentType, ReceiptLocation } from './domain/receipt';

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

/**
 * Records the owner's latest requested upload for an expense, replacing any earlier one, only while the expense
 * exists (ExpenseNotFoundError otherwise). Only this upload can later become the receipt.
 */
export type RecordPendingReceipt = (pending: PendingReceipt) => Promise<void>;

/** The latest requested upload of an expense, if one is still pending. */
export type FindPendingReceipt = (userId: string, expenseId: string) => Promise<PendingReceipt | undefined>;

/**
 * Attaches a checked receipt atomically: the expense's next version (if still at `expectedVersion`), the pending
 * upload consumed (if it is still `next.receipt`'s), and the event. Throws StaleVersionError, ExpenseNotFoundError
 * or StaleUploadError when the state moved meanwhile; nothing is written then.
 */
export type AttachReceipt = (next: Expense, expectedVersion: number, event: EventEnvelope) => Promise<void>;

/**
 * Records the rejection of an upload with its event, once per receipt id: `already-recorded` when an earlier
 * attempt did (a retry after a crash, a duplicate notification), and then no event is written again.
 */
export type RecordReceiptRejection = (
  location: ReceiptLocation,
  event: EventEnvelope,
) => Promise<'recorded' | 'already-recorded'>;

/** A presigned browser form upload: POST `fields` then the file to `url` before `expiresAt`. */
export interface PresignedUpload {
  url: string;
  fields: Record<string, string>;
  expiresAt: string;
}

/** A presigned download link, valid until `expiresAt`. */
export interface PresignedDownload {
  url: string;
  expiresAt: string;
}

/** The receipts bucket, as the functions use it. */
export interface ReceiptFiles {
  /** A form upload whose policy pins the key, the content type and the size range. */
  presignUpload(key: string, contentType: ReceiptContentType): Promise<PresignedUpload>;
  /** A short-lived GET of the object, answered with its content type. */
  presignDownload(key: string, contentType: ReceiptContentType): Promise<PresignedDownload>;
  /** The object's size and first bytes (at most `bytes`), or undefined when there is no such object. */
  inspect(key: string, bytes: number): Promise<{ size: number; head: Uint8Array } | undefined>;
  /** Deletes the object; deleting an object that is already gone succeeds. */
  remove(key: string): Promise<void>;
}
