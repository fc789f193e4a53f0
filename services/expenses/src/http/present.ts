import type { ExpenseSnapshot } from '@spendwise/contracts';
import { type Expense, snapshotOf } from '../domain/expense';

/** The strong entity tag of an expense version, as sent in ETag and expected in If-Match. */
export const etagOf = (expense: Pick<Expense, 'version'>) => `"${expense.version}"`;

/** What clients see of an expense: the snapshot (the owner is implied by the token). */
export const presentExpense = (expense: Expense): ExpenseSnapshot => snapshotOf(expense);

/** Headers every response about one expense carries. */
export const expenseHeaders = (expense: Expense) => ({ etag: etagOf(expense) });
