import {
  BudgetThresholdReached,
  type CurrencyCode,
  createEvent,
  type EventContext,
  parseSqsRecord,
  SpendingAnomalyDetected,
} from '@spendwise/contracts';
import { type IdempotencyOptions, sqsEventConsumer } from '@spendwise/lambda-kit/sqs';
import { type BudgetCopy, budgetCoversMonth, newlyReachedThresholds } from '../../domain/budgets';
import { ConcurrentChangeError } from '../../domain/errors';
import { planExpenseChange, statsKeyOf } from '../../domain/expenseChange';
import type { ExpenseState } from '../../domain/expenseState';
import { dayOfInstant, monthOfDay } from '../../domain/months';
import {
  causeOf,
  SPENDING_EVENT_TYPES,
  type SpendingEvent,
  spendingChangeOf,
} from '../../domain/spendingEvents';
import type {
  Clock,
  CommitExpenseChange,
  FindBudget,
  LoadExpenseContext,
  MarkActiveInMonth,
  MarkActiveOnDay,
  ReadThresholdProgress,
  RecordThresholdReached,
  SaveBudget,
  SaveCategory,
} from '../../ports';

export { SPENDING_EVENT_TYPES, type SpendingEvent } from '../../domain/spendingEvents';

export interface ApplySpendingEventDependencies {
  loadExpenseContext: LoadExpenseContext;
  commitExpenseChange: CommitExpenseChange;
  findBudget: FindBudget;
  saveBudget: SaveBudget;
  saveCategory: SaveCategory;
  readThresholdProgress: ReadThresholdProgress;
  recordThresholdReached: RecordThresholdReached;
  markActiveInMonth: MarkActiveInMonth;
  markActiveOnDay: MarkActiveOnDay;
  now: Clock;
  /** Business metrics: a user active for the first time today, an alert written. */
  count?: (metric: 'ActiveUsers' | 'BudgetThresholdsReached' | 'SpendingAnomalies') => void;
}

/** What applying one event did: stored with its idempotency record. */
export interface ApplyOutcome {
  applied: boolean;
  thresholds: number[];
  anomaly: boolean;
}

/** How many times a change that lost a race against a concurrent one is re-read and re-planned in place. */
const ATTEMPTS = 3;

// Read models keep currencies as strings; every one of them came from a schema-checked event, and createEvent
// checks the outgoing event against its schema again.
const money = (amount: { minorUnits: number; currency: string }) => ({
  minorUnits: amount.minorUnits,
  currency: amount.currency as CurrencyCode,
});

/** Announces every threshold of `budget` that spending in `month` reached and that was not announced yet. */
async function checkThresholds(
  deps: ApplySpendingEventDependencies,
  budget: BudgetCopy | undefined,
  month: string,
  cause: EventContext,
): Promise<number[]> {
  if (!budget || !budgetCoversMonth(budget, month)) return [];
  const { userId, categoryId, amount } = budget;
  const progress = await deps.readThresholdProgress(userId, month, categoryId, amount.currency);
  const spent = money({ minorUnits: progress.spentMinorUnits, currency: amount.currency });
  const announced: number[] = [];
  for (const threshold of newlyReachedThresholds(budget, spent.minorUnits, progress.reached)) {
    const data = {
      categoryId,
      month,
      threshold,
      budget: money(amount),
      spent,
      budgetVersion: budget.version,
    };
    const event = createEvent(BudgetThresholdReached, data, cause);
    const marker = {
      ...{ userId, month, categoryId, threshold, budgetVersion: budget.version },
      ...{
        spentMinorUnits: spent.minorUnits,
        currency: spent.currency,
        reachedAt: event.detail.metadata.occurredAt,
      },
    };
    if (await deps.recordThresholdReached(marker, event)) {
      announced.push(threshold);
      deps.count?.('BudgetThresholdsReached');
    }
  }
  return announced;
}

/** Reads, plans and writes one expense change; throws ConcurrentChangeError when a guard fails at commit. */
async function commitOnce(
  deps: ApplySpendingEventDependencies,
  incoming: ExpenseState,
  recorded: boolean,
  cause: EventContext,
) {
  // Only a newly recorded expense can join (and be judged against) its category's statistics.
  const key = recorded && incoming.contribution ? statsKeyOf(incoming.contribution) : undefined;
  const { stored, history } = await deps.loadExpenseContext(incoming.userId, incoming.expenseId, key);
  const plan = planExpenseChange({ incoming, stored, recorded, history });
  if (!plan) return { applied: false, anomaly: false };
  const { anomaly } = plan;
  const anomalyEvent = anomaly
    ? createEvent(
        SpendingAnomalyDetected,
        { ...anomaly, amount: money(anomaly.amount), typicalAmount: money(anomaly.typicalAmount) },
        cause,
      )
    : undefined;
  await deps.commitExpenseChange(plan, anomalyEvent);
  if (anomalyEvent) deps.count?.('SpendingAnomalies');
  return { applied: true, anomaly: anomalyEvent !== undefined };
}

async function applyExpense(
  deps: ApplySpendingEventDependencies,
  change: { state: ExpenseState; months: string[]; recorded: boolean },
  cause: EventContext,
): Promise<ApplyOutcome> {
  const { state } = change;
  // Before the change, so a crash in between never leaves a month with spending but no active-user entry.
  for (const month of change.months) await deps.markActiveInMonth(state.userId, month);
  if (await deps.markActiveOnDay(state.userId, dayOfInstant(deps.now()))) deps.count?.('ActiveUsers');
  let outcome: { applied: boolean; anomaly: boolean } | undefined;
  for (let attempt = 1; outcome === undefined; attempt += 1) {
    try {
      outcome = await commitOnce(deps, state, change.recorded, cause);
    } catch (error) {
      if (!(error instanceof ConcurrentChangeError) || attempt >= ATTEMPTS) throw error;
    }
  }
  // Checked even for a duplicate: a delivery that crashed after its change but before this check completes it.
  const contribution = state.contribution;
  const thresholds = contribution
    ? await checkThresholds(
        deps,
        await deps.findBudget(state.userId, contribution.categoryId),
        monthOfDay(contribution.date),
        cause,
      )
    : [];
  return { ...outcome, thresholds };
}

async function applyBudget(
  deps: ApplySpendingEventDependencies,
  change: { budget: BudgetCopy; checkMonth?: string },
  cause: EventContext,
): Promise<ApplyOutcome> {
  const { budget, checkMonth } = change;
  const applied = await deps.saveBudget(budget);
  if (checkMonth === undefined) return { applied, thresholds: [], anomaly: false };
  // The stored copy decides: a late BudgetSet must not alert against a budget replaced or removed since.
  const current = await deps.findBudget(budget.userId, budget.categoryId);
  return { applied, thresholds: await checkThresholds(deps, current, checkMonth, cause), anomaly: false };
}

/**
 * Applies ExpenseRecorded / Updated / Deleted, Category* and Budget* events to the insights read models: expense
 * changes as version-guarded deltas (with statistics, anomalies and budget thresholds), catalog changes as
 * version-guarded copies. Safe under duplicates and any delivery order.
 */
export function applySpendingEvent(deps: ApplySpendingEventDependencies) {
  return async (event: SpendingEvent): Promise<ApplyOutcome> => {
    const change = spendingChangeOf(event);
    const cause = causeOf(event);
    switch (change.kind) {
      case 'expense':
        return applyExpense(deps, change, cause);
      case 'budget':
        return applyBudget(deps, change, cause);
      case 'category':
        return { applied: await deps.saveCategory(change.category), thresholds: [], anomaly: false };
    }
  };
}

/**
 * The Lambda handler of the spending queue: parse (anything else is poison, reported as a batch item failure),
 * de-duplicate on the event id, apply.
 */
export const applySpendingEventHandler = (
  deps: ApplySpendingEventDependencies,
  idempotency: IdempotencyOptions | false,
) =>
  sqsEventConsumer({
    parse: (record) => parseSqsRecord(record, SPENDING_EVENT_TYPES),
    handle: applySpendingEvent(deps),
    idempotency,
  });
