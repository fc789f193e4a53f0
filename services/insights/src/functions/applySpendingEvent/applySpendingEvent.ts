import {
  BudgetThresholdReached,
  type CurrencyCode,
  createEvent,
  type EventContext,
  type EventEnvelope,
  parseSqsRecord,
  SpendingAnomalyDetected,
} from '@spendwise/contracts';
import { sqsEventConsumer } from '@spendwise/lambda-kit/sqs';
import type { Context, SQSEvent, SQSRecord } from 'aws-lambda';
import { type BudgetCopy, budgetCoversMonth, newlyReachedThresholds } from '../../domain/budgets';
import { ConcurrentChangeError } from '../../domain/errors';
import { planExpenseBatch, statsId } from '../../domain/expenseBatch';
import { type StatsKey, statsKeyOf } from '../../domain/expenseChange';
import type { ExpenseState } from '../../domain/expenseState';
import { dayOfInstant, monthOfDay } from '../../domain/months';
import {
  causeOf,
  SPENDING_EVENTS,
  type SpendingChange,
  type SpendingEvent,
  spendingChangeOf,
} from '../../domain/spendingEvents';
import type {
  Clock,
  CommitExpenseBatch,
  FindBudget,
  LoadStoredExpenses,
  MarkActiveInMonth,
  MarkActiveOnDay,
  ReadThresholdProgress,
  RecordThresholdReached,
  SaveBudget,
  SaveCategory,
} from '../../ports';

export { SPENDING_EVENTS, type SpendingEvent } from '../../domain/spendingEvents';

export interface ApplySpendingEventDependencies {
  loadStoredExpenses: LoadStoredExpenses;
  commitExpenseBatch: CommitExpenseBatch;
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

/** What applying one event did (the record handler's result, for tests and logs). */
export interface ApplyOutcome {
  applied: boolean;
  thresholds: number[];
  anomaly: boolean;
}

/** How many times a change that lost a race against a concurrent one is re-read and re-planned in place. */
const ATTEMPTS = 3;

/**
 * The most changes of one user committed in one transaction: each writes at most 5 items (its state and two
 * category deltas when an update moves it, or its state, one delta, statistics, anomaly and its outbox record),
 * and a transaction holds 100. The queue's batches hold 10.
 */
const MAX_BATCHED_CHANGES = 20;

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

/** One expense change of a batch, with the event that asked for it. */
interface ExpenseItem {
  change: { state: ExpenseState; months: string[]; recorded: boolean };
  cause: EventContext;
}

type ExpenseOutcome = Omit<ApplyOutcome, 'thresholds'>;

/** Reads, plans and writes a batch of one user's expense changes; throws ConcurrentChangeError when a guard fails. */
async function commitOnce(
  deps: ApplySpendingEventDependencies,
  userId: string,
  items: ExpenseItem[],
): Promise<ExpenseOutcome[]> {
  const expenseIds = items.map((item) => item.change.state.expenseId);
  // Only newly recorded expenses can join (and be judged against) their category's statistics.
  const statsKeys = new Map<string, StatsKey>();
  for (const { change } of items) {
    const { contribution } = change.state;
    if (change.recorded && contribution) statsKeys.set(statsId(contribution), statsKeyOf(contribution));
  }
  const stored = await deps.loadStoredExpenses(userId, expenseIds, [...statsKeys.values()]);
  const plan = planExpenseBatch(
    userId,
    items.map(({ change }) => ({ state: change.state, recorded: change.recorded })),
    stored,
  );
  const anomalyEvents = new Map<string, EventEnvelope>();
  plan.outcomes.forEach(({ anomaly }, index) => {
    if (!anomaly) return;
    const data = { ...anomaly, amount: money(anomaly.amount), typicalAmount: money(anomaly.typicalAmount) };
    anomalyEvents.set(
      anomaly.expenseId,
      createEvent(SpendingAnomalyDetected, data, (items[index] as ExpenseItem).cause),
    );
  });
  if (plan.states.length > 0) await deps.commitExpenseBatch(plan, anomalyEvents);
  for (const _ of anomalyEvents.keys()) deps.count?.('SpendingAnomalies');
  return plan.outcomes.map(({ applied, anomaly }) => ({ applied, anomaly: anomaly !== undefined }));
}

/** Commits a batch of one user's expense changes, re-reading and re-planning after a lost race. */
async function commitWithRetries(deps: ApplySpendingEventDependencies, userId: string, items: ExpenseItem[]) {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await commitOnce(deps, userId, items);
    } catch (error) {
      if (!(error instanceof ConcurrentChangeError) || attempt >= ATTEMPTS) throw error;
    }
  }
}

/** Marks the user active in every month the changes touch and, the first time today, counts them active. */
async function markActive(deps: ApplySpendingEventDependencies, userId: string, items: ExpenseItem[]) {
  // Before the change, so a crash in between never leaves a month with spending but no active-user entry.
  const months = new Set(items.flatMap((item) => item.change.months));
  for (const month of months) await deps.markActiveInMonth(userId, month);
  if (await deps.markActiveOnDay(userId, dayOfInstant(deps.now()))) deps.count?.('ActiveUsers');
}

/**
 * Applies a batch of one user's expense changes: in one transaction when it fits and succeeds, else change by
 * change, so that a change that cannot be written fails alone. Each entry is the outcome or the error of the
 * change at that position.
 */
async function applyUserExpenses(
  deps: ApplySpendingEventDependencies,
  userId: string,
  items: ExpenseItem[],
): Promise<(ExpenseOutcome | Error)[]> {
  await markActive(deps, userId, items);
  if (items.length > 1 && items.length <= MAX_BATCHED_CHANGES) {
    try {
      return await commitWithRetries(deps, userId, items);
    } catch {
      // Fall through: one by one, each change's failure is its own.
    }
  }
  const outcomes: (ExpenseOutcome | Error)[] = [];
  for (const item of items) {
    outcomes.push(
      await commitWithRetries(deps, userId, [item]).then(
        ([outcome]) => outcome as ExpenseOutcome,
        (error: unknown) => (error instanceof Error ? error : new Error(String(error))),
      ),
    );
  }
  return outcomes;
}

/** Checks the thresholds of the budget of an expense's category in the month of its new state. */
async function checkExpenseThresholds(
  deps: ApplySpendingEventDependencies,
  state: ExpenseState,
  cause: EventContext,
): Promise<number[]> {
  const contribution = state.contribution;
  if (!contribution) return [];
  const budget = await deps.findBudget(state.userId, contribution.categoryId);
  return checkThresholds(deps, budget, monthOfDay(contribution.date), cause);
}

async function applyExpense(deps: ApplySpendingEventDependencies, item: ExpenseItem): Promise<ApplyOutcome> {
  const [outcome] = await applyUserExpenses(deps, item.change.state.userId, [item]);
  if (outcome instanceof Error || outcome === undefined) throw outcome;
  // Checked even for a duplicate: a delivery that crashed after its change but before this check completes it.
  return { ...outcome, thresholds: await checkExpenseThresholds(deps, item.change.state, item.cause) };
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
        return applyExpense(deps, { change, cause });
      case 'budget':
        return applyBudget(deps, change, cause);
      case 'category':
        return { applied: await deps.saveCategory(change.category), thresholds: [], anomaly: false };
    }
  };
}

/**
 * One SQS batch: its expense changes are applied together, per user, the first time one of them is handled (one
 * transaction per user, so ten expenses of one user and month write each aggregate once); everything else, and
 * the threshold checks after each expense change, go record by record in delivery order.
 */
function batchRun(deps: ApplySpendingEventDependencies, events: Map<SQSRecord, SpendingEvent>) {
  const apply = applySpendingEvent(deps);
  // What each record asks of the read models, worked out once for the batch.
  const changes = new Map([...events].map(([record, event]) => [record, spendingChangeOf(event)]));
  let committed: Promise<Map<SQSRecord, ExpenseOutcome | Error>> | undefined;
  const commitAll = async () => {
    const byUser = new Map<string, { record: SQSRecord; item: ExpenseItem }[]>();
    for (const [record, event] of events) {
      const change = changes.get(record) as SpendingChange;
      if (change.kind !== 'expense') continue;
      const entries = byUser.get(change.state.userId) ?? [];
      entries.push({ record, item: { change, cause: causeOf(event) } });
      byUser.set(change.state.userId, entries);
    }
    const outcomes = new Map<SQSRecord, ExpenseOutcome | Error>();
    await Promise.all(
      [...byUser].map(async ([userId, entries]) => {
        const applied = await applyUserExpenses(
          deps,
          userId,
          entries.map((entry) => entry.item),
        ).catch((error: unknown) => entries.map(() => error as Error));
        entries.forEach((entry, index) => {
          outcomes.set(entry.record, applied[index] as ExpenseOutcome | Error);
        });
      }),
    );
    return outcomes;
  };
  // Threshold checks of one user, category and month in this batch: once, until a budget event may change the
  // answer; the first record to ask reports what it announced.
  let checked = new Map<string, { first: SQSRecord; thresholds: Promise<number[]> }>();
  const checkOnce = (record: SQSRecord, state: ExpenseState, cause: EventContext) => {
    const key = `${state.userId}|${state.contribution?.categoryId}|${state.contribution?.date.slice(0, 7)}`;
    let check = checked.get(key);
    if (!check) {
      check = { first: record, thresholds: checkExpenseThresholds(deps, state, cause) };
      // Awaited by its records, possibly later than it fails: not an unhandled rejection meanwhile.
      check.thresholds.catch(() => {});
      checked.set(key, check);
    }
    return check;
  };
  // Without a budget event in the batch, nothing the batch does changes a check's answer once its expense changes
  // are written: every user × category × month of an applied change is checked right after the commit, all at
  // once (their reads go out together), each still once and reported by its first record in delivery order.
  const budgetInBatch = [...changes.values()].some((change) => change.kind === 'budget');
  const checkAll = (outcomes: Map<SQSRecord, ExpenseOutcome | Error>) => {
    for (const [record, event] of events) {
      const change = changes.get(record) as SpendingChange;
      const outcome = outcomes.get(record);
      if (change.kind === 'expense' && outcome !== undefined && !(outcome instanceof Error))
        checkOnce(record, change.state, causeOf(event));
    }
  };
  return async (event: SpendingEvent, record: SQSRecord): Promise<ApplyOutcome> => {
    const change = changes.get(record) ?? spendingChangeOf(event);
    if (change.kind !== 'expense' || !events.has(record)) {
      if (change.kind === 'budget') checked = new Map();
      return apply(event);
    }
    committed ??= commitAll().then((outcomes) => {
      if (!budgetInBatch) checkAll(outcomes);
      return outcomes;
    });
    const outcome = (await committed).get(record);
    if (outcome instanceof Error || outcome === undefined) throw outcome ?? new Error('Not applied');
    // Checked even for a duplicate: a delivery that crashed after its change but before this check completes it.
    const check = checkOnce(record, change.state, causeOf(event));
    const thresholds = await check.thresholds;
    return { ...outcome, thresholds: check.first === record ? thresholds : [] };
  };
}

const parseSpendingEvent = (record: SQSRecord) => parseSqsRecord(record, SPENDING_EVENTS);

/**
 * The Lambda handler of the spending queue: parse (anything else is poison, reported as a batch item failure),
 * apply the batch's expense changes together per user, then each record's follow-ups. No de-duplication layer:
 * the version guards make every write safe to repeat (docs/adr/0021).
 */
export const applySpendingEventHandler = (deps: ApplySpendingEventDependencies) => {
  const runs = new WeakMap<SQSRecord, ReturnType<typeof batchRun>>();
  const parsed = new WeakMap<SQSRecord, SpendingEvent>();
  const consumer = sqsEventConsumer({
    // Parsed once, before the batch; a poison message is parsed again here, to be reported as one.
    parse: (record) => parsed.get(record) ?? parseSpendingEvent(record),
    handle: (event: SpendingEvent, meta) => {
      const run = runs.get(meta.record);
      if (!run) throw new Error(`SQS message ${meta.record.messageId} is not of this batch`);
      return run(event, meta.record);
    },
    idempotency: false,
  });
  return (batch: SQSEvent, context: Context) => {
    const events = new Map<SQSRecord, SpendingEvent>();
    for (const record of batch.Records) {
      try {
        const event = parseSpendingEvent(record);
        events.set(record, event);
        parsed.set(record, event);
      } catch {
        // Poison: left to the consumer, which reports it.
      }
    }
    const run = batchRun(deps, events);
    for (const record of batch.Records) runs.set(record, run);
    return consumer(batch, context);
  };
};
