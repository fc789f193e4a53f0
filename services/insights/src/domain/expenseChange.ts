import {
  type AggregateDelta,
  type Contribution,
  type ExpenseState,
  storedDeltas,
  supersedes,
} from './expenseState';
import type { AnomalyView } from './monthAggregates';
import { monthOfDay } from './months';
import {
  type AnomalyRule,
  addSample,
  assessAnomaly,
  DEFAULT_ANOMALY_RULE,
  type RunningStats,
} from './runningStats';

/** The statistics of one user's category in one currency. */
export interface StatsKey {
  categoryId: string;
  currency: string;
}

/** A SpendingAnomalyDetected in the making: the anomaly as read models keep it, plus its history size. */
export interface DetectedAnomaly extends AnomalyView {
  historySize: number;
}

/** Everything one applied expense change writes, atomically. */
export interface ExpenseChangePlan {
  state: ExpenseState;
  /** The order of the state it replaces; undefined when the expense was unknown. The write is guarded on it. */
  replacesOrder: number | undefined;
  deltas: AggregateDelta[];
  /** New statistics of the expense's category, written only if they still have `basedOnCount` amounts. */
  stats?: { key: StatsKey; basedOnCount: number; next: RunningStats };
  anomaly?: DetectedAnomaly;
}

export interface ExpenseChangeInput {
  incoming: ExpenseState;
  stored: ExpenseState | undefined;
  /** Whether the change is a newly recorded expense: only those teach the statistics. */
  recorded: boolean;
  /** The statistics of the incoming contribution's category and currency, as stored. */
  history: RunningStats;
  rule?: AnomalyRule;
}

export const statsKeyOf = (contribution: Contribution): StatsKey => ({
  categoryId: contribution.categoryId,
  currency: contribution.currency,
});

function detectAnomaly(
  state: ExpenseState,
  contribution: Contribution,
  history: RunningStats,
  rule: AnomalyRule,
): DetectedAnomaly | undefined {
  const found = assessAnomaly(history, contribution.minorUnits, rule);
  if (!found) return undefined;
  const { currency } = contribution;
  return {
    expenseId: state.expenseId,
    categoryId: contribution.categoryId,
    date: contribution.date,
    amount: { minorUnits: contribution.minorUnits, currency },
    typicalAmount: { minorUnits: found.typicalMinorUnits, currency },
    score: found.score,
    historySize: found.historySize,
  };
}

/**
 * Plans one expense change against what was applied before, or returns undefined when it is a duplicate or
 * arrived after a newer state (a later ExpenseUpdated never rolls back, and nothing comes after a deletion).
 * A newly recorded expense is judged against the history before it, then joins that history.
 */
export function planExpenseChange(input: ExpenseChangeInput): ExpenseChangePlan | undefined {
  const { incoming, stored, history } = input;
  if (!supersedes(incoming, stored)) return undefined;
  const plan: ExpenseChangePlan = {
    state: incoming,
    replacesOrder: stored?.order,
    deltas: storedDeltas(stored?.contribution, incoming.contribution),
  };
  const contribution = incoming.contribution;
  if (!input.recorded || stored !== undefined || contribution === undefined) return plan;
  const anomaly = detectAnomaly(incoming, contribution, history, input.rule ?? DEFAULT_ANOMALY_RULE);
  return {
    ...plan,
    stats: {
      key: statsKeyOf(contribution),
      basedOnCount: history.count,
      next: addSample(history, contribution.minorUnits),
    },
    ...(anomaly ? { anomaly } : {}),
  };
}

/** The months whose activity an expense state shows (for the list of users active in a month). */
export const monthsOf = (...contributions: (Contribution | undefined)[]): string[] => [
  ...new Set(contributions.filter((c) => c !== undefined).map((c) => monthOfDay(c.date))),
];
