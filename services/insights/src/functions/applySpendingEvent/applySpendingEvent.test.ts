import { describe, expect, it } from '@jest/globals';
import type { EventEnvelope } from '@spendwise/contracts';
import { lambdaContext, sqsEvent } from '@spendwise/lambda-kit/testing';
import {
  budget,
  budgetSet,
  cal,
  changed,
  day,
  expense,
  MONTH,
  onTheBus,
  parsed,
  recorded,
  updated,
} from '../../../tests/events';
import type { BudgetCopy } from '../../domain/budgets';
import { ConcurrentChangeError } from '../../domain/errors';
import type { ExpenseBatchPlan } from '../../domain/expenseBatch';
import type { ExpenseState } from '../../domain/expenseState';
import type { ThresholdMarker } from '../../ports';
import {
  type ApplySpendingEventDependencies,
  applySpendingEvent,
  applySpendingEventHandler,
} from './applySpendingEvent';

/** The ports over plain maps: enough of the store's rules (version guards, markers once) to test the use case. */
function fakes(options: { concurrentCommits?: number; refuse?: (expenseId: string) => boolean } = {}) {
  let racesLeft = options.concurrentCommits ?? 0;
  const commits: ExpenseBatchPlan[] = [];
  const states = new Map<string, ExpenseState>();
  const totals = new Map<string, number>();
  const budgets = new Map<string, BudgetCopy>();
  const markers = new Map<string, ThresholdMarker>();
  const outbox: EventEnvelope[] = [];
  const activeDays = new Set<string>();
  const metrics: string[] = [];
  const deps: ApplySpendingEventDependencies = {
    loadStoredExpenses: async (_user, expenseIds) => ({
      states: new Map(
        expenseIds.flatMap((id) => {
          const state = states.get(id);
          return state ? [[id, state] as const] : [];
        }),
      ),
      histories: new Map(),
    }),
    commitExpenseBatch: async (plan, anomalyEvents) => {
      if (racesLeft-- > 0) throw new ConcurrentChangeError('test');
      for (const { state, replacesOrder } of plan.states) {
        if (options.refuse?.(state.expenseId)) throw new Error(`DynamoDB refuses ${state.expenseId}`);
        if (states.get(state.expenseId)?.order !== replacesOrder) throw new ConcurrentChangeError('guard');
      }
      commits.push(plan);
      for (const { state } of plan.states) states.set(state.expenseId, state);
      for (const d of plan.deltas.filter((delta) => delta.kind === 'category')) {
        const key = `${d.month}|${d.key}|${d.currency}`;
        totals.set(key, (totals.get(key) ?? 0) + d.minorUnits);
      }
      outbox.push(...anomalyEvents.values());
    },
    findBudget: async (_user, categoryId) => budgets.get(categoryId),
    saveBudget: async (copy) => {
      const stored = budgets.get(copy.categoryId);
      if (stored && stored.version >= copy.version) return false;
      budgets.set(copy.categoryId, copy);
      return true;
    },
    saveCategory: async () => true,
    readThresholdProgress: async (_user, month, categoryId, currency) => ({
      spentMinorUnits: totals.get(`${month}|${categoryId}|${currency}`) ?? 0,
      reached: new Set([...markers.values()].filter((m) => m.month === month).map((m) => m.threshold)),
    }),
    recordThresholdReached: async (marker, event) => {
      const key = `${marker.month}|${marker.categoryId}|${marker.threshold}`;
      if (markers.has(key)) return false;
      markers.set(key, marker);
      outbox.push(event);
      return true;
    },
    markActiveInMonth: async () => {},
    markActiveOnDay: async (user, day) => {
      const fresh = !activeDays.has(`${user}|${day}`);
      activeDays.add(`${user}|${day}`);
      return fresh;
    },
    now: () => new Date(`${day(20)}T10:00:00Z`),
    count: (metric) => metrics.push(metric),
  };
  return { deps, states, totals, outbox, metrics, commits };
}

describe('applySpendingEvent', () => {
  it('announces a threshold once, however often the expense that reached it is delivered', async () => {
    const { deps, outbox } = fakes();
    const apply = applySpendingEvent(deps);
    await apply(parsed(budgetSet('u1', budget({ minorUnits: 10000 }))));
    const event = parsed(recorded('u1', expense({ minorUnits: 8500 })));

    const first = await apply(event);
    const again = await apply(event);

    expect(first).toEqual({ applied: true, anomaly: false, thresholds: [80] });
    expect(again).toEqual({ applied: false, anomaly: false, thresholds: [] });
    expect(outbox.map((e) => e.detailType)).toEqual(['BudgetThresholdReached']);
  });

  it('ignores an update older than the state already applied', async () => {
    const { deps, totals } = fakes();
    const apply = applySpendingEvent(deps);
    const v1 = expense({ minorUnits: 1000 });
    const v2 = changed(v1, { minorUnits: 2000 });
    const v3 = changed(v2, { minorUnits: 3000 });
    await apply(parsed(updated('u1', v2, v3)));

    const outcome = await apply(parsed(updated('u1', v1, v2)));

    expect(outcome.applied).toBe(false);
    expect(totals.get(`${MONTH}|groceries|EUR`)).toBe(3000);
  });

  it('re-plans and applies a change that lost a race against a concurrent one', async () => {
    const { deps, totals } = fakes({ concurrentCommits: 2 });

    const outcome = await applySpendingEvent(deps)(parsed(recorded('u1', expense({ minorUnits: 700 }))));

    expect(outcome.applied).toBe(true);
    expect(totals.get(`${MONTH}|groceries|EUR`)).toBe(700);
  });

  it('gives up after three lost races, so the message is retried later', async () => {
    const { deps } = fakes({ concurrentCommits: 3 });

    await expect(applySpendingEvent(deps)(parsed(recorded('u1', expense())))).rejects.toBeInstanceOf(
      ConcurrentChangeError,
    );
  });

  it('checks thresholds when a budget is set after the spending', async () => {
    const { deps, outbox } = fakes();
    const apply = applySpendingEvent(deps);
    await apply(parsed(recorded('u1', expense({ minorUnits: 9000 }))));

    const outcome = await apply(parsed(budgetSet('u1', budget({ minorUnits: 10000 }))));

    expect(outcome.thresholds).toEqual([80]);
    expect(outbox[0]?.detail.data).toMatchObject({
      month: MONTH,
      threshold: 80,
      spent: { minorUnits: 9000 },
    });
  });

  it('counts a user as active once per day', async () => {
    const { deps, metrics } = fakes();
    const apply = applySpendingEvent(deps);

    await apply(parsed(recorded('u1', expense())));
    await apply(parsed(recorded('u1', expense())));

    expect(metrics.filter((m) => m === 'ActiveUsers')).toHaveLength(1);
  });
});

describe('applySpendingEventHandler', () => {
  it('reports a poison message as a batch item failure and applies the rest', async () => {
    const { deps, totals } = fakes();
    const handler = applySpendingEventHandler(deps);
    const good = onTheBus(recorded('u1', expense({ minorUnits: 400 })));

    const response = await handler(
      sqsEvent([
        { body: '{"not": "an event"', messageId: 'poison' },
        { body: good, messageId: 'good' },
      ]),
      lambdaContext(),
    );

    expect(response.batchItemFailures).toEqual([{ itemIdentifier: 'poison' }]);
    expect(totals.get(`${MONTH}|groceries|EUR`)).toBe(400);
  });

  const batchOf = (...events: EventEnvelope[]) =>
    sqsEvent(events.map((event, i) => ({ body: onTheBus(event), messageId: `m${i}` })));

  it('writes the expense changes of one user in one commit per batch, and each user apart', async () => {
    const { deps, totals, commits } = fakes();
    const handler = applySpendingEventHandler(deps);
    const lastMonth = cal.monthsAgo(2);

    const response = await handler(
      batchOf(
        recorded('u1', expense({ minorUnits: 100 })),
        recorded('u2', expense({ minorUnits: 200 })),
        recorded('u1', expense({ minorUnits: 300, date: cal.dayOf(lastMonth, 3) })),
        recorded('u1', expense({ minorUnits: 400 })),
      ),
      lambdaContext(),
    );

    expect(response.batchItemFailures).toEqual([]);
    expect(commits.map((plan) => [plan.userId, plan.states.length]).sort()).toEqual([
      ['u1', 3],
      ['u2', 1],
    ]);
    expect(totals.get(`${MONTH}|groceries|EUR`)).toBe(700);
    expect(totals.get(`${lastMonth}|groceries|EUR`)).toBe(300);
  });

  it('fails only the record that cannot be written, in the middle of a batch, and applies the others', async () => {
    const refused = expense({ minorUnits: 200 });
    const { deps, totals, states } = fakes({ refuse: (expenseId) => expenseId === refused.expenseId });
    const handler = applySpendingEventHandler(deps);

    const response = await handler(
      batchOf(
        recorded('u1', expense({ minorUnits: 100 })),
        recorded('u1', refused),
        recorded('u1', expense({ minorUnits: 400 })),
      ),
      lambdaContext(),
    );

    expect(response.batchItemFailures).toEqual([{ itemIdentifier: 'm1' }]);
    expect(totals.get(`${MONTH}|groceries|EUR`)).toBe(500);
    expect(states.has(refused.expenseId)).toBe(false);
  });

  it('re-plans a batch that lost a race, without counting anything twice', async () => {
    const { deps, totals, commits } = fakes({ concurrentCommits: 1 });
    const handler = applySpendingEventHandler(deps);
    const first = recorded('u1', expense({ minorUnits: 100 }));

    const response = await handler(
      batchOf(first, recorded('u1', expense({ minorUnits: 300 })), first),
      lambdaContext(),
    );

    expect(response.batchItemFailures).toEqual([]);
    expect(commits).toHaveLength(1);
    expect(totals.get(`${MONTH}|groceries|EUR`)).toBe(400);
  });

  /** Wraps findBudget to count its calls and the most of them in flight at once. */
  const watchBudgetReads = (deps: ApplySpendingEventDependencies) => {
    const reads = { calls: 0, inFlight: 0, most: 0 };
    const find = deps.findBudget;
    deps.findBudget = async (userId, categoryId) => {
      reads.calls += 1;
      reads.inFlight += 1;
      reads.most = Math.max(reads.most, reads.inFlight);
      await new Promise((resolve) => setImmediate(resolve));
      reads.inFlight -= 1;
      return find(userId, categoryId);
    };
    return reads;
  };

  it('checks the thresholds of a batch without budget events together, once per user, category and month', async () => {
    const { deps } = fakes();
    const reads = watchBudgetReads(deps);
    const handler = applySpendingEventHandler(deps);

    const response = await handler(
      batchOf(
        recorded('u1', expense({ minorUnits: 100 })),
        recorded('u2', expense({ minorUnits: 200 })),
        recorded('u1', expense({ minorUnits: 300 })),
        recorded('u3', expense({ minorUnits: 400, categoryId: 'travel' })),
      ),
      lambdaContext(),
    );

    expect(response.batchItemFailures).toEqual([]);
    expect(reads).toEqual({ calls: 3, inFlight: 0, most: 3 });
  });

  it('checks thresholds record by record in a batch with a budget event', async () => {
    const { deps } = fakes();
    const reads = watchBudgetReads(deps);
    const handler = applySpendingEventHandler(deps);

    const response = await handler(
      batchOf(
        recorded('u1', expense({ minorUnits: 100 })),
        recorded('u2', expense({ minorUnits: 200 })),
        budgetSet('u1', budget({ minorUnits: 1000 })),
        recorded('u1', expense({ minorUnits: 300 })),
      ),
      lambdaContext(),
    );

    expect(response.batchItemFailures).toEqual([]);
    // u1 before the budget, u2, the budget's own check, u1 again after it.
    expect(reads).toEqual({ calls: 4, inFlight: 0, most: 1 });
  });

  it('announces a threshold once for a batch whose expenses cross it together, after a budget in the batch', async () => {
    const { deps, outbox } = fakes();
    const handler = applySpendingEventHandler(deps);

    const response = await handler(
      batchOf(
        budgetSet('u1', budget({ minorUnits: 1000 })),
        recorded('u1', expense({ minorUnits: 500 })),
        recorded('u1', expense({ minorUnits: 600 })),
      ),
      lambdaContext(),
    );

    expect(response.batchItemFailures).toEqual([]);
    expect(outbox.map((e) => e.detail.data)).toEqual([
      expect.objectContaining({ threshold: 80, spent: { minorUnits: 1100, currency: 'EUR' } }),
      expect.objectContaining({ threshold: 100, spent: { minorUnits: 1100, currency: 'EUR' } }),
    ]);
  });
});
