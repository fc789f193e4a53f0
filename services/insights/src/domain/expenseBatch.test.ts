import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { planExpenseBatch, type StoredExpenses, statsId } from './expenseBatch';
import { type Contribution, deletedState, type ExpenseState, orderOf } from './expenseState';
import { addSample, EMPTY_STATS } from './runningStats';

const contribution = (minorUnits: number, more: Partial<Contribution> = {}): Contribution => ({
  categoryId: 'dining',
  currency: 'EUR',
  minorUnits,
  date: '2026-11-07',
  ...more,
});
const live = (expenseId: string, version: number, c: Contribution): ExpenseState => ({
  userId: 'u1',
  expenseId,
  version,
  deleted: false,
  order: orderOf(version, false),
  contribution: c,
});
const nothingStored = (): StoredExpenses => ({ states: new Map(), histories: new Map() });
const categoryDeltas = (plan: ReturnType<typeof planExpenseBatch>) =>
  plan.deltas
    .filter((d) => d.kind === 'category')
    .map(({ key, minorUnits, count }) => ({ key, minorUnits, count }));

describe('planExpenseBatch', () => {
  it('writes each aggregate once for many expenses of one category and month', () => {
    const changes = [1000, 2000, 3000].map((amount, i) => ({
      state: live(`e${i}`, 1, contribution(amount, { date: `2026-11-0${i + 1}` })),
      recorded: true,
    }));

    const plan = planExpenseBatch('u1', changes, nothingStored());

    expect(plan.states).toHaveLength(3);
    // Daily and merchant totals are computed on read: only the category total is written.
    expect(plan.deltas).toEqual([
      { kind: 'category', month: '2026-11', key: 'dining', currency: 'EUR', minorUnits: 6000, count: 3 },
    ]);
    expect(plan.stats).toEqual([
      {
        key: { categoryId: 'dining', currency: 'EUR' },
        basedOnCount: 0,
        next: [1000, 2000, 3000].reduce(addSample, EMPTY_STATS),
      },
    ]);
  });

  it('plans a duplicate in the same batch as not applied', () => {
    const change = { state: live('e1', 1, contribution(1000)), recorded: true };

    const plan = planExpenseBatch('u1', [change, change], nothingStored());

    expect(plan.outcomes).toEqual([{ applied: true }, { applied: false }]);
    expect(categoryDeltas(plan)).toEqual([{ key: 'dining', minorUnits: 1000, count: 1 }]);
    expect(plan.stats[0]?.next.count).toBe(1);
  });

  it('folds versions of one expense into its last state, guarded on the state stored before the batch', () => {
    const stored = nothingStored();
    stored.states.set('e1', live('e1', 1, contribution(1000)));
    const v2 = live('e1', 2, contribution(1500, { categoryId: 'travel' }));
    const v3 = live('e1', 3, contribution(2500, { categoryId: 'travel' }));

    // v3 before v2: the late v2 plans nothing.
    const plan = planExpenseBatch(
      'u1',
      [
        { state: v3, recorded: false },
        { state: v2, recorded: false },
      ],
      stored,
    );

    expect(plan.outcomes.map((o) => o.applied)).toEqual([true, false]);
    expect(plan.states).toEqual([{ state: v3, replacesOrder: orderOf(1, false) }]);
    expect(categoryDeltas(plan)).toEqual([
      { key: 'dining', minorUnits: -1000, count: -1 },
      { key: 'travel', minorUnits: 2500, count: 1 },
    ]);
  });

  it('leaves no aggregate change for an expense recorded and deleted in the same batch, but keeps its tombstone', () => {
    const recorded = live('e1', 1, contribution(1000));

    const plan = planExpenseBatch(
      'u1',
      [
        { state: recorded, recorded: true },
        { state: deletedState('u1', 'e1', 1), recorded: false },
      ],
      nothingStored(),
    );

    expect(plan.deltas).toEqual([]);
    expect(plan.states).toEqual([{ state: deletedState('u1', 'e1', 1), replacesOrder: undefined }]);
    expect(plan.stats[0]?.next.count).toBe(1);
  });

  it('judges each new expense against the history before it, the earlier ones of the batch included', () => {
    const stored = nothingStored();
    const key = statsId({ categoryId: 'dining', currency: 'EUR' });
    stored.histories.set(key, [1000, 1100, 900, 1000].reduce(addSample, EMPTY_STATS));
    const changes = [1000, 90000, 95000].map((amount, i) => ({
      state: live(`e${i}`, 1, contribution(amount)),
      recorded: true,
    }));

    const plan = planExpenseBatch('u1', changes, stored);

    // e0 makes five earlier amounts, so e1 is judged (and flagged); e2 is judged against a history holding e1.
    expect(plan.anomalies.map((a) => a.expenseId)).toEqual(['e1']);
    expect(plan.stats[0]?.basedOnCount).toBe(4);
    expect(plan.stats[0]?.next.count).toBe(7);
  });
});

// ---- property: batches give what one-by-one delivery gives ----

const arbitraryContribution = fc.record({
  categoryId: fc.constantFrom('groceries', 'dining'),
  currency: fc.constantFrom('EUR', 'USD'),
  minorUnits: fc.integer({ min: 1, max: 100_000 }),
  date: fc.constantFrom('2026-10-31', '2026-11-01', '2026-11-15'),
});

// Changes of a few expenses (versions, perhaps a deletion), delivered in any order, some twice, cut into batches.
const deliveries = fc
  .array(
    fc.record({
      states: fc.array(arbitraryContribution, { minLength: 1, maxLength: 3 }),
      deleted: fc.boolean(),
    }),
    { minLength: 1, maxLength: 5 },
  )
  .chain((expenses) => {
    const changes = expenses.flatMap((e, i) => {
      const lives = e.states.map((c, v) => ({ state: live(`e${i}`, v + 1, c), recorded: v === 0 }));
      return e.deleted
        ? [...lives, { state: deletedState('u1', `e${i}`, e.states.length), recorded: false }]
        : lives;
    });
    return fc.tuple(
      fc.shuffledSubarray([...changes, ...changes.slice(0, 2)], {
        minLength: changes.length + Math.min(2, changes.length),
      }),
      fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 10, maxLength: 10 }),
    );
  });

type Applied = { states: Map<string, ExpenseState>; totals: Map<string, number>; stats: Map<string, number> };

const emptyApplied = (): Applied => ({ states: new Map(), totals: new Map(), stats: new Map() });

/** Applies a plan as the store does, checking its guards against what is stored. */
function commit(applied: Applied, plan: ReturnType<typeof planExpenseBatch>) {
  for (const { state, replacesOrder } of plan.states) {
    expect(applied.states.get(state.expenseId)?.order).toBe(replacesOrder);
    applied.states.set(state.expenseId, state);
  }
  for (const d of plan.deltas) {
    const id = `${d.month}|${d.key}|${d.currency}`;
    applied.totals.set(id, (applied.totals.get(id) ?? 0) + d.minorUnits * 1000 + d.count);
  }
  for (const s of plan.stats) {
    expect(applied.stats.get(statsId(s.key)) ?? 0).toBe(s.basedOnCount);
    applied.stats.set(statsId(s.key), s.next.count);
  }
}

const storedOf = (applied: Applied): StoredExpenses => ({
  states: new Map(applied.states),
  histories: new Map(
    [...applied.stats].map(([id, count]) => [id, { ...EMPTY_STATS, count, mean: 1000 }] as const),
  ),
});

const nonZero = (totals: Map<string, number>) =>
  [...totals].filter(([, v]) => v !== 0).sort(([a], [b]) => a.localeCompare(b));

describe('planExpenseBatch (property)', () => {
  it('leaves the same states, totals and statistics counts as delivering the changes one by one', () => {
    fc.assert(
      fc.property(deliveries, ([changes, sizes]) => {
        const one = emptyApplied();
        for (const change of changes) commit(one, planExpenseBatch('u1', [change], storedOf(one)));

        const batched = emptyApplied();
        let at = 0;
        for (const size of sizes) {
          if (at >= changes.length) break;
          const batch = changes.slice(at, at + size);
          at += size;
          commit(batched, planExpenseBatch('u1', batch, storedOf(batched)));
        }
        if (at < changes.length)
          commit(batched, planExpenseBatch('u1', changes.slice(at), storedOf(batched)));

        expect(nonZero(batched.totals)).toEqual(nonZero(one.totals));
        expect(batched.states).toEqual(one.states);
        expect(batched.stats).toEqual(one.stats);
      }),
    );
  });
});
