// Generated from services/expenses/src/http/schemas/*.schema.json by scripts/gen-contracts.ts. Do not edit: change the schemas and run `pnpm gen`.
import type { CategoryId, ExpenseId, ExpenseSnapshot, Merchant, Money, Note, Tags } from '@spendwise/contracts';

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
