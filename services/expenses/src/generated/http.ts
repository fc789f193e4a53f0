// Generated from services/expenses/src/http/schemas/*.schema.json by scripts/gen-contracts.ts. Do not edit: change the schemas and run `pnpm gen`.
import type { CategoryId, ExpenseId, ExpenseSnapshot, Merchant, Money, Note, ReceiptContentType, Tags } from '@spendwise/contracts';

/**
 * Body of POST /expenses. The owner comes from the caller's token, never from the body.
 */
export interface CreateExpenseRequest {
  amount: Money;
  /**
   * Day the money was spent (YYYY-MM-DD)
   */
  date: string;
  categoryId?: CategoryId;
  merchant?: Merchant;
  note?: Note;
  tags?: Tags;
}

/**
 * Path parameters of /expenses/{id}.
 */
export interface ExpenseIdPath {
  id: ExpenseId;
}

/**
 * A page of GET /expenses: the month's expenses, newest first; nextCursor while more remain.
 */
export interface ExpensePageResponse {
  items: ExpenseSnapshot[];
  /**
   * Pass as `cursor` to read the next page
   */
  nextCursor?: string;
}

export type ExpenseResponse = ExpenseSnapshot;

/**
 * Query string of GET /expenses. Values arrive as strings.
 */
export interface ListExpensesQuery {
  /**
   * Calendar month, YYYY-MM
   */
  month: string;
  categoryId?: CategoryId;
  /**
   * Page size, 1 to 100 (default 50)
   */
  limit?: string;
  cursor?: string;
}

/**
 * The expense's receipt (200 from GET /expenses/{id}/receipt): a short-lived presigned GET of the file and its checked type.
 */
export interface ReceiptResponse {
  /**
   * Download link, valid until expiresAt
   */
  url: string;
  contentType: ReceiptContentType;
  expiresAt: string;
}

/**
 * Body of POST /expenses/{id}/receipt: the type of the file the client is about to upload.
 */
export interface ReceiptUploadRequest {
  contentType: ReceiptContentType;
}

/**
 * A presigned S3 POST (201 from POST /expenses/{id}/receipt): send a multipart/form-data POST to `url` with every field of `fields` first and the file last, as `file`, before `expiresAt`. The policy pins the key, the Content-Type and a size of 1 byte to 10 MiB; the receipt is attached once the file passes the checks.
 */
export interface ReceiptUploadResponse {
  /**
   * Where to POST the form
   */
  url: string;
  /**
   * Form fields to send before the file (key, Content-Type, policy, signature)
   */
  fields: {
    [k: string]: string | undefined;
  };
  /**
   * When the upload policy expires
   */
  expiresAt: string;
}

/**
 * Body of PATCH /expenses/{id}: the fields to change. `null` clears an optional field.
 */
export interface UpdateExpenseRequest {
  amount?: Money;
  date?: string;
  categoryId?: CategoryId;
  merchant?: Merchant | null;
  note?: Note | null;
  tags?: Tags;
}
