import type { ExpenseSnapshot } from '@spendwise/contracts';
import { normaliseMerchant } from '@spendwise/contracts';
import { monthOfDay } from './months';

/** What one expense adds to the read models: its amount on its day, in its category and at its merchant. */
export interface Contribution {
  categoryId: string;
  currency: string;
  minorUnits: number;
  /** YYYY-MM-DD */
  date: string;
  /** Normalised merchant, when the expense has one. */
  merchant?: string;
}

/**
 * The last state of an expense the read models applied. `order` ranks states of one expense: a later version
 * wins, and at the same version a deletion wins (ExpenseDeleted carries the version it deleted).
 */
export interface ExpenseState {
  userId: string;
  expenseId: string;
  version: number;
  deleted: boolean;
  order: number;
  /** Absent once deleted (a tombstone keeps only its order). */
  contribution?: Contribution;
}

/** The rank of an expense state: versions ordered, a deletion after any live state of the same version. */
export const orderOf = (version: number, deleted: boolean): number => version * 2 + (deleted ? 1 : 0);

export function contributionOf(snapshot: ExpenseSnapshot): Contribution {
  const merchant = snapshot.merchant === undefined ? '' : normaliseMerchant(snapshot.merchant);
  return {
    categoryId: snapshot.categoryId,
    currency: snapshot.amount.currency,
    minorUnits: snapshot.amount.minorUnits,
    date: snapshot.date,
    ...(merchant === '' ? {} : { merchant }),
  };
}

/** The live state an ExpenseRecorded or ExpenseUpdated announces. */
export function liveState(userId: string, snapshot: ExpenseSnapshot): ExpenseState {
  return {
    userId,
    expenseId: snapshot.expenseId,
    version: snapshot.version,
    deleted: false,
    order: orderOf(snapshot.version, false),
    contribution: contributionOf(snapshot),
  };
}

/** The tombstone an ExpenseDeleted leaves. */
export function deletedState(userId: string, expenseId: string, version: number): ExpenseState {
  return { userId, expenseId, version, deleted: true, order: orderOf(version, true) };
}

/** Whether `incoming` is newer than what was applied; anything older or equal is a duplicate or arrived late. */
export const supersedes = (incoming: ExpenseState, stored: ExpenseState | undefined): boolean =>
  stored === undefined || incoming.order > stored.order;

/** Which aggregate a delta changes. `key` identifies it within the month (category, day or merchant). */
export type AggregateKind = 'category' | 'day' | 'merchant';

/** A change of one aggregate of one month in one currency: add `minorUnits` and `count`. */
export interface AggregateDelta {
  kind: AggregateKind;
  month: string;
  key: string;
  currency: string;
  minorUnits: number;
  count: number;
}

const deltaId = (d: Pick<AggregateDelta, 'kind' | 'month' | 'key' | 'currency'>) =>
  `${d.kind}|${d.month}|${d.key}|${d.currency}`;

function aggregatesOf(contribution: Contribution, sign: 1 | -1): AggregateDelta[] {
  const { currency, date } = contribution;
  const month = monthOfDay(date);
  const amount = { currency, month, minorUnits: sign * contribution.minorUnits, count: sign };
  const deltas: AggregateDelta[] = [
    { kind: 'category', key: contribution.categoryId, ...amount },
    { kind: 'day', key: date, ...amount },
  ];
  if (contribution.merchant !== undefined)
    deltas.push({ kind: 'merchant', key: contribution.merchant, ...amount });
  return deltas;
}

/**
 * What replacing one contribution of an expense by another changes: the old one out, the new one in, merged per
 * aggregate, with aggregates that do not change left out. Applying these deltas keeps every total equal to the
 * sum over the expenses' latest states, whatever order the changes arrive in.
 */
export function contributionDeltas(
  before: Contribution | undefined,
  after: Contribution | undefined,
): AggregateDelta[] {
  const merged = new Map<string, AggregateDelta>();
  const parts = [...(before ? aggregatesOf(before, -1) : []), ...(after ? aggregatesOf(after, 1) : [])];
  for (const delta of parts) {
    const id = deltaId(delta);
    const seen = merged.get(id);
    merged.set(
      id,
      seen
        ? { ...seen, minorUnits: seen.minorUnits + delta.minorUnits, count: seen.count + delta.count }
        : delta,
    );
  }
  return [...merged.values()].filter((d) => d.minorUnits !== 0 || d.count !== 0);
}

/**
 * The deltas a change writes: only the month's category totals are stored (the budget thresholds read them,
 * strongly consistent, after every change). Daily and merchant totals are computed on read from the month's
 * expense states (docs/adr/0021), so a change writes neither.
 */
export const storedDeltas = (
  before: Contribution | undefined,
  after: Contribution | undefined,
): AggregateDelta[] => contributionDeltas(before, after).filter((delta) => delta.kind === 'category');
