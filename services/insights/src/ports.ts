import type { EventEnvelope } from '@spendwise/contracts';
import type { BudgetCopy } from './domain/budgets';
import type { CategoryCopy } from './domain/categoryCopy';
import type { ExpenseBatchPlan, StoredExpenses } from './domain/expenseBatch';
import type { ExpenseChangePlan, StatsKey } from './domain/expenseChange';
import type { ExpenseState } from './domain/expenseState';
import type { CategoryMonthTotal } from './domain/monthAggregates';
import type { RunningStats } from './domain/runningStats';

export type { ListActiveUsers, LoadMonthAggregates } from './domain/monthAggregates';

/** What was applied of an expense so far, and the statistics of a category it may join. */
export interface ExpenseContext {
  stored: ExpenseState | undefined;
  history: RunningStats;
}

/** Reads an expense's applied state and the statistics of `statsKey`, strongly consistent. */
export type LoadExpenseContext = (
  userId: string,
  expenseId: string,
  statsKey: StatsKey | undefined,
) => Promise<ExpenseContext>;

/**
 * Writes a planned expense change in one transaction: the state (guarded on the order it replaces), the
 * aggregate deltas, the statistics (guarded on their count) and, with `anomalyEvent`, the anomaly and its outbox
 * record. Throws ConcurrentChangeError when a guard fails.
 */
export type CommitExpenseChange = (plan: ExpenseChangePlan, anomalyEvent?: EventEnvelope) => Promise<void>;

/**
 * Reads the applied states of some of a user's expenses and the statistics of some of their categories, strongly
 * consistent (what a batch of that user's changes is planned against).
 */
export type LoadStoredExpenses = (
  userId: string,
  expenseIds: string[],
  statsKeys: StatsKey[],
) => Promise<StoredExpenses>;

/**
 * Writes a planned batch of one user's expense changes in one transaction: each state (guarded on the order it
 * replaces), one update per changed aggregate, the statistics (guarded on their count) and each anomaly with its
 * outbox record (`anomalyEvents` by expense id). Throws ConcurrentChangeError when a guard fails.
 */
export type CommitExpenseBatch = (
  plan: ExpenseBatchPlan,
  anomalyEvents: Map<string, EventEnvelope>,
) => Promise<void>;

/** Reads the copy of a budget (a removed one too), strongly consistent. */
export type FindBudget = (userId: string, categoryId: string) => Promise<BudgetCopy | undefined>;

/** Stores a budget copy unless a newer version is stored; false when it was not newer. */
export type SaveBudget = (budget: BudgetCopy) => Promise<boolean>;

/** Stores a category copy unless a newer version is stored; false when it was not newer. */
export type SaveCategory = (category: CategoryCopy) => Promise<boolean>;

/** What was spent in a category in one currency during a month, and which thresholds were announced already. */
export interface ThresholdProgress {
  spentMinorUnits: number;
  reached: Set<number>;
}

export type ReadThresholdProgress = (
  userId: string,
  month: string,
  categoryId: string,
  currency: string,
) => Promise<ThresholdProgress>;

/** One threshold of one category reached in one month. */
export interface ThresholdMarker {
  userId: string;
  month: string;
  categoryId: string;
  threshold: number;
  budgetVersion: number;
  spentMinorUnits: number;
  currency: string;
  reachedAt: string;
}

/**
 * Writes the marker of a reached threshold with its BudgetThresholdReached outbox record, atomically, unless the
 * marker exists: false then (it was announced already, exactly once).
 */
export type RecordThresholdReached = (marker: ThresholdMarker, event: EventEnvelope) => Promise<boolean>;

/** Notes that the user had expense activity in `month` (idempotent). */
export type MarkActiveInMonth = (userId: string, month: string) => Promise<void>;

/** Notes that the user was active on `day`; true only the first time that day. */
export type MarkActiveOnDay = (userId: string, day: string) => Promise<boolean>;

/** The category totals of one user's month (no budgets, names or series). */
export type LoadMonthTotals = (userId: string, month: string) => Promise<CategoryMonthTotal[]>;

export type Clock = () => Date;
