/**
 * The restore rehearsal, end to end on the local cloud (docs/runbooks/restore-table.md): expenses recorded over
 * HTTP, a snapshot, more recorded / changed / deleted, the snapshot's expenses table restored into a new table and
 * the runbook's steps run (stream and TTL re-created, the service re-pointed by a restart with its stack
 * parameters, outbox re-driven, insights reconciled). The system must then serve exactly the restored expenses,
 * with read models equal to their sums, no event lost or published twice, and keep working on the restored
 * table. Timings: `pnpm bench:restore`.
 */
import { beforeAll, describe, expect, it } from '@jest/globals';
import {
  type Daily,
  type Expense,
  type RehearsalOutcome,
  runRestoreRehearsal,
  type Total,
} from '../../scripts/rehearsal/restoreRehearsal';

let outcome: RehearsalOutcome;

beforeAll(async () => {
  outcome = await runRestoreRehearsal();
}, 900_000);

const view = (e: Expense) => ({
  expenseId: e.expenseId,
  minorUnits: e.amount.minorUnits,
  categoryId: e.categoryId,
  date: e.date,
  version: e.version,
});

function totalsOf(expenses: Expense[]): Total[] {
  const sums = new Map<string, Total>();
  for (const e of expenses) {
    const key = `${e.categoryId}|${e.amount.currency}`;
    const seen = sums.get(key) ?? {
      categoryId: e.categoryId,
      currency: e.amount.currency,
      minorUnits: 0,
      count: 0,
    };
    sums.set(key, { ...seen, minorUnits: seen.minorUnits + e.amount.minorUnits, count: seen.count + 1 });
  }
  return sortTotals([...sums.values()]);
}

function dailyOf(expenses: Expense[]): Daily[] {
  const sums = new Map<string, Daily>();
  for (const e of expenses) {
    const key = `${e.date}|${e.amount.currency}`;
    const seen = sums.get(key) ?? { date: e.date, currency: e.amount.currency, minorUnits: 0, count: 0 };
    sums.set(key, { ...seen, minorUnits: seen.minorUnits + e.amount.minorUnits, count: seen.count + 1 });
  }
  return sortDaily([...sums.values()]);
}

const sortTotals = (totals: Total[]) =>
  totals
    .map(({ categoryId, currency, minorUnits, count }) => ({ categoryId, currency, minorUnits, count }))
    .sort((a, b) => `${a.categoryId}|${a.currency}`.localeCompare(`${b.categoryId}|${b.currency}`));
const sortDaily = (daily: Daily[]) =>
  daily
    .map(({ date, currency, minorUnits, count }) => ({ date, currency, minorUnits, count }))
    .sort((a, b) => `${a.date}|${a.currency}`.localeCompare(`${b.date}|${b.currency}`));

describe('the restore rehearsal', () => {
  it('serves exactly the expenses of the snapshot after the runbook, not what was recorded after it', () => {
    expect(outcome.beforeRestore.map(view)).not.toEqual(outcome.atSnapshot.map(view));
    expect(outcome.afterRestore.map(view)).toEqual(outcome.atSnapshot.map(view));
    expect(outcome.runbook.target.tableName).toBe(`${outcome.runbook.sourceTable}-restored-rehearsal`);
  });

  it('brings the insights monthly totals and daily series back to the sums of the restored expenses', () => {
    expect(sortTotals(outcome.summary.totals)).toEqual(totalsOf(outcome.afterRestore));
    expect(sortDaily(outcome.summary.daily)).toEqual(dailyOf(outcome.afterRestore));
    // Restored: 7 expenses. Changed after the snapshot: two updated, one deleted (corrected back), four recorded
    // (tombstoned); the one deleted before the snapshot and four untouched ones are left alone.
    expect(outcome.lines.join('\n')).toMatch(
      /7 restored expense\(s\), 12 applied state\(s\): 5 unchanged, 0 added, 3 corrected, 4 tombstoned, 0 conflict/,
    );
  });

  it('loses no event and publishes none twice', () => {
    const ids = outcome.events.map((e) => e.eventId);
    expect(new Set(ids).size).toBe(ids.length);
    const recorded = (id: string) =>
      outcome.events.filter((e) => e.expenseId === id && e.detailType === 'ExpenseRecorded').length;
    for (const expense of [...outcome.atSnapshot, ...outcome.beforeRestore, outcome.afterwards.recorded]) {
      expect([expense.expenseId, recorded(expense.expenseId)]).toEqual([expense.expenseId, 1]);
    }
    // The snapshot was taken with the outbox drained: nothing to republish, and no event re-sent.
    expect(outcome.lines.join('\n')).toMatch(/0 outbox record\(s\) found/);
  });

  it('keeps working on the restored table: new expenses and changes reach insights', () => {
    const { recorded, changed, summary } = outcome.afterwards;
    // The change after the restore is version 2 again (the restored one was 1), which insights had seen before.
    expect(changed.version).toBe(2);
    const live = [
      ...outcome.afterRestore.filter((e) => e.expenseId !== changed.expenseId),
      changed,
      recorded,
    ];
    expect(sortTotals(summary.totals)).toEqual(totalsOf(live));
    expect(sortDaily(summary.daily)).toEqual(dailyOf(live));
  });
});
