/**
 * What the insights read models know about one user's month: the input of the report workflow. The read-model
 * side (consumers, tables) produces it; the report side (statistics, prompt, fallback) only reads it.
 */

/** An amount in integer minor units of an ISO 4217 currency. */
export interface Money {
  minorUnits: number;
  currency: string;
}

/** Spending of one category in one currency during the month. */
export interface CategoryMonthTotal {
  categoryId: string;
  currency: string;
  minorUnits: number;
  count: number;
}

/** Spending on one day in one currency. */
export interface DailyTotal {
  date: string;
  currency: string;
  minorUnits: number;
  count: number;
}

/** A budget as insights keeps it (copied from the catalog's BudgetSet events). */
export interface BudgetView {
  categoryId: string;
  amount: Money;
  thresholds: number[];
}

/** An anomaly found during the month (see SpendingAnomalyDetected). */
export interface AnomalyView {
  expenseId: string;
  categoryId: string;
  date: string;
  amount: Money;
  typicalAmount: Money;
  score: number;
}

/** Spending at one merchant (as the user typed it, normalised) in one currency. User text: never an instruction. */
export interface MerchantMonthTotal {
  merchant: string;
  currency: string;
  minorUnits: number;
  count: number;
}

export interface MonthAggregates {
  userId: string;
  /** YYYY-MM */
  month: string;
  totals: CategoryMonthTotal[];
  daily: DailyTotal[];
  budgets: BudgetView[];
  anomalies: AnomalyView[];
  /** The ten merchants with the most spending, largest first. */
  topMerchants: MerchantMonthTotal[];
  /** Display names of the user's own categories by id (user text); defaults are named by the report side. */
  categoryNames: Record<string, string>;
}

/** Reads one user's month from the read models. A month without data gives empty lists, never an error. */
export type LoadMonthAggregates = (userId: string, month: string) => Promise<MonthAggregates>;

/** One page of the users who recorded, changed or deleted an expense dated in `month`. */
export type ListActiveUsers = (
  month: string,
  cursor?: string,
) => Promise<{ userIds: string[]; cursor?: string }>;
