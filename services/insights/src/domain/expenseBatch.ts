import {
  type DetectedAnomaly,
  type ExpenseChangePlan,
  planExpenseChange,
  type StatsKey,
} from './expenseChange';
import type { AggregateDelta, ExpenseState } from './expenseState';
import { EMPTY_STATS, type RunningStats } from './runningStats';

/** One expense change of a batch, in delivery order. */
export interface BatchedExpenseChange {
  state: ExpenseState;
  recorded: boolean;
}

/** What was applied of a user's expenses so far, and the statistics their recorded expenses may join. */
export interface StoredExpenses {
  /** Applied states by expense id (absent: unknown expense). */
  states: Map<string, ExpenseState>;
  /** Statistics by `statsId` (absent: no history yet). */
  histories: Map<string, RunningStats>;
}

/**
 * Everything a batch of one user's expense changes writes, atomically: each changed expense's last state (guarded
 * on the order stored before the batch), the aggregate deltas merged per aggregate, each category's statistics
 * (guarded on the count stored before the batch) and the anomalies found.
 */
export interface ExpenseBatchPlan {
  userId: string;
  states: { state: ExpenseState; replacesOrder: number | undefined }[];
  deltas: AggregateDelta[];
  stats: NonNullable<ExpenseChangePlan['stats']>[];
  anomalies: DetectedAnomaly[];
  /** Per change, in the order given: whether it was applied, and the anomaly it raised. */
  outcomes: { applied: boolean; anomaly?: DetectedAnomaly }[];
}

export const statsId = (key: StatsKey) => `${key.categoryId}#${key.currency}`;

const aggregateId = (d: AggregateDelta) => `${d.kind}|${d.month}|${d.key}|${d.currency}`;

function mergeDelta(deltas: Map<string, AggregateDelta>, delta: AggregateDelta) {
  const seen = deltas.get(aggregateId(delta));
  deltas.set(
    aggregateId(delta),
    seen
      ? { ...seen, minorUnits: seen.minorUnits + delta.minorUnits, count: seen.count + delta.count }
      : delta,
  );
}

/**
 * Plans a batch of one user's expense changes as if each were applied after the one before it: every change is
 * planned against the state the previous ones left (so a duplicate or an older version in the same batch plans
 * nothing), then the changes are folded into one write per item. The totals equal those of applying the changes
 * one by one: each expense's deltas telescope from the stored state to its last state.
 */
export function planExpenseBatch(
  userId: string,
  changes: BatchedExpenseChange[],
  stored: StoredExpenses,
): ExpenseBatchPlan {
  const states = new Map<string, { state: ExpenseState; replacesOrder: number | undefined }>();
  const current = new Map(stored.states);
  const histories = new Map(stored.histories);
  const stats = new Map<string, NonNullable<ExpenseChangePlan['stats']>>();
  const deltas = new Map<string, AggregateDelta>();
  const anomalies: DetectedAnomaly[] = [];
  const outcomes: ExpenseBatchPlan['outcomes'] = [];
  for (const { state: incoming, recorded } of changes) {
    const before = current.get(incoming.expenseId);
    const key = incoming.contribution
      ? statsId({ categoryId: incoming.contribution.categoryId, currency: incoming.contribution.currency })
      : '';
    const history = histories.get(key) ?? EMPTY_STATS;
    const plan = planExpenseChange({ incoming, stored: before, recorded, history });
    if (!plan) {
      outcomes.push({ applied: false });
      continue;
    }
    current.set(incoming.expenseId, incoming);
    // Guarded on what was stored before the batch, whatever the batch changed since.
    const replacesOrder = states.has(incoming.expenseId)
      ? states.get(incoming.expenseId)?.replacesOrder
      : plan.replacesOrder;
    states.set(incoming.expenseId, { state: incoming, replacesOrder });
    for (const delta of plan.deltas) mergeDelta(deltas, delta);
    if (plan.stats) {
      histories.set(key, plan.stats.next);
      const basedOnCount = stats.get(key)?.basedOnCount ?? plan.stats.basedOnCount;
      stats.set(key, { ...plan.stats, basedOnCount });
    }
    if (plan.anomaly) anomalies.push(plan.anomaly);
    outcomes.push({ applied: true, ...(plan.anomaly ? { anomaly: plan.anomaly } : {}) });
  }
  return {
    userId,
    states: [...states.values()],
    deltas: [...deltas.values()].filter((d) => d.minorUnits !== 0 || d.count !== 0),
    stats: [...stats.values()],
    anomalies,
    outcomes,
  };
}

/** How many items the plan writes (a transaction holds at most 100). */
export const itemsOf = (plan: ExpenseBatchPlan) =>
  plan.states.length + plan.deltas.length + plan.stats.length + 2 * plan.anomalies.length;
