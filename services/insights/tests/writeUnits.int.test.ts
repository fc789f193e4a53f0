import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { EventEnvelope } from '@spendwise/contracts';
import { previousMonth } from '../src/domain/months';
import { type CapacityMeter, meterCapacity } from './capacity';
import { changed, day, expense, MONTH, recorded, updated } from './events';
import { type SpendingHarness, spendingHarness } from './support';

/**
 * What the spending consumer spends in DynamoDB capacity per expense, and what a summary read costs: printed
 * figures (docs/adr/0021), not timed assertions. Run with `pnpm test services/insights/tests/writeUnits`.
 */
let harness: SpendingHarness;
let meter: CapacityMeter;
const figures: string[] = [];

beforeAll(async () => {
  harness = await spendingHarness();
  meter = meterCapacity(...harness.clients);
});

afterAll(() => {
  process.stdout.write(`\ninsights capacity per expense (WRU / RRU)\n${figures.join('\n')}\n\n`);
  harness.close();
});

const MERCHANTS = ['Corner Shop', 'Bakery', 'Fuel Station', 'Cinema', 'Market'];
const CATEGORIES = ['groceries', 'dining'];

/** The i-th expense of a month as people record them: a few categories, merchants and days. */
const nth = (i: number) =>
  expense({
    minorUnits: 1000 + i * 37,
    categoryId: CATEGORIES[i % CATEGORIES.length],
    merchant: MERCHANTS[i % MERCHANTS.length],
    date: day(1 + (i % 20)),
  });

async function measure(label: string, expenses: number, deliver: () => Promise<void>) {
  meter.reset();
  await deliver();
  const per = (units: number) => (units / expenses).toFixed(2);
  const breakdown = Object.entries(meter.writesByCommand)
    .map(([command, units]) => `${command.replace('Command', '')} ${per(units)}`)
    .join(', ');
  figures.push(
    `${label.padEnd(44)} ${per(meter.writeUnits)} WRU  ${per(meter.readUnits)} RRU  (${breakdown})`,
  );
  return meter.writeUnits / expenses;
}

const inBatches = async (events: EventEnvelope[], size: number) => {
  for (let i = 0; i < events.length; i += size) {
    const { batchItemFailures } = await harness.deliver(...events.slice(i, i + size));
    expect(batchItemFailures).toEqual([]);
  }
};

describe('write units per expense', () => {
  it('recorded one per SQS batch', async () => {
    const user = 'units-single';
    const events = Array.from({ length: 20 }, (_, i) => recorded(user, nth(i)));

    await measure('ExpenseRecorded, one per batch', events.length, () => inBatches(events, 1));

    const month = await harness.loadMonth(user, MONTH);
    expect(month.totals.reduce((sum, t) => sum + t.count, 0)).toBe(20);
  });

  it('recorded ten per SQS batch, one user and month', async () => {
    const user = 'units-batch';
    const events = Array.from({ length: 20 }, (_, i) => recorded(user, nth(i)));

    await measure('ExpenseRecorded, batches of 10 (one user)', events.length, () => inBatches(events, 10));

    const month = await harness.loadMonth(user, MONTH);
    expect(month.totals.reduce((sum, t) => sum + t.count, 0)).toBe(20);
  });

  it('updated one per SQS batch', async () => {
    const user = 'units-update';
    const originals = Array.from({ length: 10 }, (_, i) => nth(i));
    await inBatches(
      originals.map((e) => recorded(user, e)),
      10,
    );
    const updates = originals.map((e) => updated(user, e, changed(e, { minorUnits: 999 })));

    await measure('ExpenseUpdated (amount), one per batch', updates.length, () => inBatches(updates, 1));

    const month = await harness.loadMonth(user, MONTH);
    expect(month.totals.reduce((sum, t) => sum + t.minorUnits, 0)).toBe(9990);
  });

  it('a summary read of a month of 20 expenses', async () => {
    meter.reset();
    await Promise.all([
      harness.loadMonth('units-single', MONTH),
      harness.loadMonthTotals('units-single', previousMonth(MONTH)),
    ]);
    figures.push(
      `${'GET /insights/summary (20 expenses)'.padEnd(44)} ${meter.readUnits.toFixed(2)} RRU per read`,
    );
    expect(meter.readUnits).toBeGreaterThan(0);
  });
});
