import type { Receipt, ReceiptContentType, ReceiptRejectionReason } from '@spendwise/contracts';
import type { Expense } from './expense';

export type { Receipt, ReceiptContentType, ReceiptRejectionReason };

/** The largest receipt accepted, in bytes (10 MiB): the presigned POST's content-length-range and the check. */
export const MAX_RECEIPT_BYTES = 10 * 1024 * 1024;

/** Key prefix of every receipt in the bucket; IAM, the rule and the lifecycle all name it. */
export const RECEIPTS_PREFIX = 'receipts/';

/** An upload the owner asked for and may still send: only this one can become the expense's receipt. */
export interface PendingReceipt {
  userId: string;
  expenseId: string;
  receiptId: string;
  contentType: ReceiptContentType;
  requestedAt: string;
}

/** Where a receipt file lives. */
export interface ReceiptLocation {
  userId: string;
  expenseId: string;
  receiptId: string;
}

export const receiptObjectKey = ({ userId, expenseId, receiptId }: ReceiptLocation) =>
  `${RECEIPTS_PREFIX}${userId}/${expenseId}/${receiptId}`;

/** The parts of a receipt key, or undefined for a key that is not one (another prefix, a missing segment). */
export function parseReceiptKey(key: string): ReceiptLocation | undefined {
  if (!key.startsWith(RECEIPTS_PREFIX)) return undefined;
  const parts = key.slice(RECEIPTS_PREFIX.length).split('/');
  if (parts.length !== 3 || parts.some((part) => part.length === 0)) return undefined;
  const [userId, expenseId, receiptId] = parts as [string, string, string];
  return { userId, expenseId, receiptId };
}

/**
 * The types the first bytes may show for each declared type. HEIC files carry one of several brands; file-type
 * names the `heic`/`heix` brands image/heic and the generic `mif1` brand (which phones also write) image/heif.
 */
const DETECTED_AS: Record<ReceiptContentType, readonly string[]> = {
  'image/jpeg': ['image/jpeg'],
  'image/png': ['image/png'],
  'image/webp': ['image/webp'],
  'image/heic': ['image/heic', 'image/heif'],
  'application/pdf': ['application/pdf'],
};

/** What the checker learnt about an uploaded object. */
export interface UploadedObject {
  key: string;
  size: number;
  /** The media type the first bytes show, undefined when not recognised. */
  detectedContentType: string | undefined;
}

export type ReceiptVerdict =
  | { outcome: 'attach'; receipt: Receipt; replaced?: Receipt }
  | { outcome: 'already-attached' }
  | {
      outcome: 'reject';
      reason: ReceiptRejectionReason;
      declaredContentType?: ReceiptContentType;
    };

/**
 * Decides what becomes of an uploaded receipt file. Order matters: a duplicate notification of the receipt already
 * attached must never delete it, and a file that is not the expense's latest requested upload is stale whatever
 * its content (an old upload's notification arriving after a newer one was attached).
 */
export function judgeUpload(
  upload: UploadedObject & ReceiptLocation,
  expense: Expense | undefined,
  pending: PendingReceipt | undefined,
  now: Date,
): ReceiptVerdict {
  if (!expense) return { outcome: 'reject', reason: 'UNKNOWN_EXPENSE' };
  if (expense.receipt?.receiptId === upload.receiptId) return { outcome: 'already-attached' };
  if (!pending || pending.receiptId !== upload.receiptId)
    return { outcome: 'reject', reason: 'STALE_UPLOAD' };
  const declaredContentType = pending.contentType;
  if (upload.size > MAX_RECEIPT_BYTES) return { outcome: 'reject', reason: 'TOO_LARGE', declaredContentType };
  if (upload.size === 0) return { outcome: 'reject', reason: 'EMPTY', declaredContentType };
  const detected = upload.detectedContentType;
  if (!detected || !DETECTED_AS[declaredContentType].includes(detected)) {
    return { outcome: 'reject', reason: 'TYPE_MISMATCH', declaredContentType };
  }
  const receipt: Receipt = {
    receiptId: upload.receiptId,
    contentType: declaredContentType,
    size: upload.size,
    attachedAt: now.toISOString(),
  };
  return { outcome: 'attach', receipt, ...(expense.receipt ? { replaced: expense.receipt } : {}) };
}

/** The expense with its new receipt: a new version, so ETags and If-Match see the change. */
export function withReceipt(expense: Expense, receipt: Receipt, now: Date): Expense {
  return { ...expense, receipt, version: expense.version + 1, updatedAt: now.toISOString() };
}

/** The expense without its receipt (DELETE /expenses/{id}/receipt): a new version. */
export function withoutReceipt(expense: Expense, now: Date): Expense {
  const { receipt: _removed, ...rest } = expense;
  return { ...rest, version: expense.version + 1, updatedAt: now.toISOString() };
}
