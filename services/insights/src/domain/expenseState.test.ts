import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import {
  type AggregateDelta,
  type Contribution,
  contributionDeltas,
  deletedState,
  type ExpenseState,
  orderOf,
  supersedes,
} from './expenseState';

const live = (expenseId: string, version: number, contribution: Contribution): ExpenseState => ({
  userId: 'u1',
  expenseId,
  version,
  deleted: false,
  order: orderOf(version, false),
  contribution,
});

const groceries: Contribution = {
  categoryId: 'groceries',
  currency: 'EUR',
  minorUnits: 1200,
  date: '2026-11-05',
};

describe('contributionDeltas', () => {
  it('adds a new expense to its category, day and merchant', () => {
    const deltas = contributionDeltas(undefined, { ...groceries, merchant: 'shop' });

    expect(deltas).toEqual([
      { kind: 'category', month: '2026-11', key: 'groceries', currency: 'EUR', minorUnits: 1200, count: 1 },
      { kind: 'day', month: '2026-11', key: '2026-11-05', currency: 'EUR', minorUnits: 1200, count: 1 },
      { kind: 'merchant', month: '2026-11', key: 'shop', currency: 'EUR', minorUnits: 1200, count: 1 },
    ]);
  });

  it('changes only the amount when only the amount changed', () => {
    const deltas = contributionDeltas(groceries, { ...groceries, minorUnits: 1500 });

    expect(deltas).toEqual([
      { kind: 'category', month: '2026-11', key: 'groceries', currency: 'EUR', minorUnits: 300, count: 0 },
      { kind: 'day', month: '2026-11', key: '2026-11-05', currency: 'EUR', minorUnits: 300, count: 0 },
    ]);
  });

  it('moves an expense to another month: out of the old one, into the new one', () => {
    const deltas = contributionDeltas(groceries, { ...groceries, date: '2026-12-01' });

    expect(deltas.filter((d) => d.kind === 'category')).toEqual([
      { kind: 'category', month: '2026-11', key: 'groceries', currency: 'EUR', minorUnits: -1200, count: -1 },
      { kind: 'category', month: '2026-12', key: 'groceries', currency: 'EUR', minorUnits: 1200, count: 1 },
    ]);
  });

  it('subtracts everything a deleted expense added', () => {
    const deltas = contributionDeltas({ ...groceries, merchant: 'shop' }, undefined);

    expect(deltas.every((d) => d.minorUnits === -1200 && d.count === -1)).toBe(true);
    expect(deltas).toHaveLength(3);
  });
});

describe('supersedes', () => {
  it('applies a newer version and ignores an older or equal one', () => {
    const v2 = live('e1', 2, groceries);

    expect(supersedes(live('e1', 3, groceries), v2)).toBe(true);
    expect(supersedes(live('e1', 2, groceries), v2)).toBe(false);
    expect(supersedes(live('e1', 1, groceries), v2)).toBe(false);
  });

  it('lets a deletion win over the live state of the version it deleted, and nothing win over it', () => {
    const tombstone = deletedState('u1', 'e1', 2);

    expect(supersedes(tombstone, live('e1', 2, groceries))).toBe(true);
    expect(supersedes(live('e1', 1, groceries), tombstone)).toBe(false);
    expect(supersedes(live('e1', 2, groceries), tombstone)).toBe(false);
  });
});

// ---- property: any delivery order, any duplicates, same totals as the final states ----

type Totals = Map<string, { minorUnits: number; count: number }>;

const addTo = (totals: Totals, deltas: AggregateDelta[]) => {
  for (const d of deltas) {
    const id = `${d.kind}|${d.month}|${d.key}|${d.currency}`;
    const seen = totals.get(id) ?? { minorUnits: 0, count: 0 };
    totals.set(id, { minorUnits: seen.minorUnits + d.minorUnits, count: seen.count + d.count });
  }
};

const nonZero = (totals: Totals) =>
  new Map(
    [...totals].filter(([, t]) => t.minorUnits !== 0 || t.count !== 0).sort(([a], [b]) => a.localeCompare(b)),
  );

const contribution = fc.record({
  categoryId: fc.constantFrom('groceries', 'dining'),
  currency: fc.constantFrom('EUR', 'USD'),
  minorUnits: fc.integer({ min: 1, max: 100_000 }),
  date: fc.constantFrom('2026-10-31', '2026-11-01', '2026-11-15'),
  merchant: fc.option(fc.constantFrom('shop', 'cafe'), { nil: undefined }),
});

// One expense's life: versions 1..n, perhaps deleted at the end.
const history = fc.record({
  states: fc.array(contribution, { minLength: 1, maxLength: 4 }),
  deletedAtEnd: fc.boolean(),
});

const eventsOf = (histories: { states: Contribution[]; deletedAtEnd: boolean }[]) =>
  histories.flatMap((h, i) => {
    const lives = h.states.map((c, v) => live(`e${i}`, v + 1, c));
    return h.deletedAtEnd ? [...lives, deletedState('u1', `e${i}`, h.states.length)] : lives;
  });

// Every change delivered at least once, some twice or more, in any order.
const scenario = fc.array(history, { minLength: 1, maxLength: 6 }).chain((histories) => {
  const events = eventsOf(histories);
  const deliveries = fc
    .array(fc.constantFrom(...events), { maxLength: 10 })
    .chain((again) =>
      fc.shuffledSubarray([...events, ...again], { minLength: events.length + again.length }),
    );
  return fc.tuple(fc.constant(histories), deliveries);
});

describe('delta application (property)', () => {
  it('gives the totals of the final states whatever the order and duplication of the changes', () => {
    fc.assert(
      fc.property(scenario, ([histories, deliveries]) => {
        const stored = new Map<string, ExpenseState>();
        const totals: Totals = new Map();

        for (const incoming of deliveries) {
          const before = stored.get(incoming.expenseId);
          if (!supersedes(incoming, before)) continue;
          addTo(totals, contributionDeltas(before?.contribution, incoming.contribution));
          stored.set(incoming.expenseId, incoming);
        }

        const expected: Totals = new Map();
        for (const h of histories) {
          if (!h.deletedAtEnd) addTo(expected, contributionDeltas(undefined, h.states.at(-1)));
        }
        expect(nonZero(totals)).toEqual(nonZero(expected));
      }),
    );
  });
});
