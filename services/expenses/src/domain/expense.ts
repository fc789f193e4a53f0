import type { ExpenseSnapshot, Money } from '@spendwise/contracts';

/** An expense as the expenses service keeps it: the published snapshot plus its owner. */
export type Expense = ExpenseSnapshot & { userId: string };

/** What a person supplies when recording an expense. */
export interface ExpenseDraft {
  amount: Money;
  date: string;
  categoryId?: string;
  merchant?: string;
  note?: string;
  tags?: string[];
}

/** A change to an expense; `null` clears an optional field, an absent key leaves it alone. */
export interface ExpensePatch {
  amount?: Money;
  date?: string;
  categoryId?: string;
  merchant?: string | null;
  note?: string | null;
  tags?: string[];
}

export type ChangedField = 'amount' | 'date' | 'categoryId' | 'merchant' | 'note' | 'tags';

/** Category given to expenses recorded without one, until a merchant rule or the owner sets it. */
export const UNCATEGORIZED = 'uncategorized';

const CHANGEABLE_FIELDS: readonly ChangedField[] = [
  'amount',
  'date',
  'categoryId',
  'merchant',
  'note',
  'tags',
];

/** Creates version 1 of a new expense. */
export function recordExpense(
  draft: ExpenseDraft,
  identity: { userId: string; expenseId: string; now: Date },
): Expense {
  const timestamp = identity.now.toISOString();
  return withoutUndefined({
    userId: identity.userId,
    expenseId: identity.expenseId,
    amount: { minorUnits: draft.amount.minorUnits, currency: draft.amount.currency },
    date: draft.date,
    categoryId: draft.categoryId ?? UNCATEGORIZED,
    merchant: draft.merchant,
    note: draft.note,
    tags: draft.tags ?? [],
    version: 1,
    createdAt: timestamp,
    updatedAt: timestamp,
  });
}

/**
 * Applies a patch. Returns the next version and the fields whose value really changed; a patch that changes
 * nothing returns the expense as it was and an empty list, so no new version or event is produced.
 */
export function changeExpense(
  expense: Expense,
  patch: ExpensePatch,
  now: Date,
): { expense: Expense; changedFields: ChangedField[] } {
  const changedFields = CHANGEABLE_FIELDS.filter(
    (field) => field in patch && !sameValue(expense[field], patch[field] ?? undefined),
  );
  if (changedFields.length === 0) return { expense, changedFields };
  const next: Expense = { ...expense, version: expense.version + 1, updatedAt: now.toISOString() };
  for (const field of changedFields) {
    Object.assign(next, { [field]: patch[field] ?? undefined });
  }
  return { expense: withoutUndefined(next), changedFields };
}

/** The event-facing copy of an expense (no owner: that travels in the event metadata). */
export function snapshotOf(expense: Expense): ExpenseSnapshot {
  const { userId: _owner, ...snapshot } = expense;
  return snapshot;
}

/** Calendar month (YYYY-MM) of an ISO date. */
export function monthOf(date: string): string {
  return date.slice(0, 7);
}

function sameValue(current: unknown, next: unknown): boolean {
  return JSON.stringify(current) === JSON.stringify(next);
}

function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
