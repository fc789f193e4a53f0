import type { BudgetView } from './monthAggregates';
import { monthOfInstant } from './months';

/** The copy of a catalog budget insights keeps; a removed one stays as a tombstone so versions keep ordering. */
export interface BudgetCopy extends BudgetView {
  userId: string;
  version: number;
  removed: boolean;
  /** When the budget was first set (RFC 3339): months before it are never checked. */
  createdAt: string;
}

/** A budget change applies only over an older copy (events of one budget may arrive in any order). */
export const budgetSupersedes = (incoming: BudgetCopy, stored: BudgetCopy | undefined): boolean =>
  stored === undefined || incoming.version > stored.version;

/** A budget speaks for a month from the month it was first set onwards. */
export const budgetCoversMonth = (budget: BudgetCopy, month: string): boolean =>
  !budget.removed && month >= monthOfInstant(budget.createdAt);

/** The percentage of a budget `spent` represents, one decimal. */
export const percentOf = (spentMinorUnits: number, budgetMinorUnits: number): number =>
  Math.round((spentMinorUnits * 1000) / budgetMinorUnits) / 10;

/**
 * The thresholds (percent) that spending has reached and that were not announced yet for this month. Exact
 * integer arithmetic (spent · 100 ≥ threshold · budget, in BigInt since totals may pass 2^53 / 100), so no
 * rounding decides an alert.
 */
export function newlyReachedThresholds(
  budget: Pick<BudgetView, 'amount' | 'thresholds'>,
  spentMinorUnits: number,
  alreadyReached: ReadonlySet<number>,
): number[] {
  return budget.thresholds.filter(
    (threshold) =>
      !alreadyReached.has(threshold) &&
      BigInt(spentMinorUnits) * 100n >= BigInt(threshold) * BigInt(budget.amount.minorUnits),
  );
}
