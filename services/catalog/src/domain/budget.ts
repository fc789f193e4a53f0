import type { BudgetSnapshot, Money } from '@spendwise/contracts';
import { BudgetNotFoundError, InvalidThresholdsError } from './errors';

/** A monthly budget as the catalog keeps it; a removed budget stays as a tombstone so versions keep growing. */
export type Budget = BudgetSnapshot & { userId: string; removed: boolean };

export const DEFAULT_THRESHOLDS: readonly number[] = [80, 100];

export interface BudgetDraft {
  amount: Money;
  thresholds?: number[];
}

/** Sets (creates or replaces) the monthly budget of a category. `previous` may be a removed budget. */
export function setBudget(
  previous: Budget | undefined,
  draft: BudgetDraft,
  identity: { userId: string; categoryId: string; now: Date },
): Budget {
  const thresholds = draft.thresholds ?? [...DEFAULT_THRESHOLDS];
  if (thresholds.some((t, i) => i > 0 && t <= (thresholds[i - 1] as number))) {
    throw new InvalidThresholdsError(thresholds);
  }
  const timestamp = identity.now.toISOString();
  const live = previous && !previous.removed ? previous : undefined;
  return {
    userId: identity.userId,
    categoryId: identity.categoryId,
    amount: { minorUnits: draft.amount.minorUnits, currency: draft.amount.currency },
    thresholds,
    removed: false,
    version: (previous?.version ?? 0) + 1,
    createdAt: live?.createdAt ?? timestamp,
    updatedAt: timestamp,
  };
}

/** Removes a budget: the next version, marked removed. */
export function removeBudget(budget: Budget | undefined, categoryId: string, now: Date): Budget {
  if (!budget || budget.removed) throw new BudgetNotFoundError(categoryId);
  return { ...budget, removed: true, version: budget.version + 1, updatedAt: now.toISOString() };
}

/** The event-facing copy of a budget. */
export function budgetSnapshot(budget: Budget): BudgetSnapshot {
  const { userId: _owner, removed: _removed, ...snapshot } = budget;
  return snapshot;
}
