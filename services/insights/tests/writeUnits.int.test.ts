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

/**
 * What the summary's queries read, as AWS bills them (DynamoDB Local reports queries coarsely): each query of the
 * reader 0.5 RRU per started 4 KB of the items it reads (eventually consistent), whatever it projects. The
 * month's expense states on GSI1 count only where the reader queries them (they exist).
 */
async function summaryReadUnits(userId: string, month: string) {
  const items = (await harness.table.allItems()).filter((item) => item.PK === `USER#${userId}`);
  const bytes = (of: Record<string, unknown>[]) =>
    of.reduce((sum, item) => sum + JSON.stringify(item).length, 0);
  const query = (of: Record<string, unknown>[]) => 0.5 * Math.max(1, Math.ceil(bytes(of) / 4096));
  const sk = (prefix: string) => items.filter((item) => String(item.SK).startsWith(prefix));
  const onIndex = items.filter((item) => item.GSI1PK === `USER#${userId}#MONTH#${month}`);
  return (
    query(sk(`MONTH#${month}#`)) +
    (onIndex.length > 0 ? query(onIndex) : 0) +
    query(sk('BUDGET#')) +
    query(sk('CATEGORY#')) +
    query(sk(`MONTH#${previousMonth(month)}#CATEGORY#`))
  );
}

const inBatches = async (events: EventEnvelope[], size: number) => {
  for (let i = 0; i < events.length; i += size) {
    const { batchItemFailures } = await harness.deliver(...events.slice(i, i + size));
    expect(batchItemFailures).toEqual([]);
  }
};

describe('write units per expense', () => {
  it.each([
    { name: 'one per SQS batch', user: 'units-single', size: 1, label: 'one per batch' },
    {
      name: 'ten per SQS batch, one user and month',
      user: 'units-batch',
      size: 10,
      label: 'batches of 10 (one user)',
    },
  ])('recorded $name', async ({ user, size, label }) => {
    const events = Array.from({ length: 20 }, (_, i) => recorded(user, nth(i)));

    await measure(`ExpenseRecorded, ${label}`, events.length, () => inBatches(events, size));

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

  it('a summary read of a month of 20 and of 200 expenses', async () => {
    const user = 'units-heavy';
    await inBatches(
      Array.from({ length: 200 }, (_, i) => recorded(user, nth(i + 100))),
      10,
    );

    for (const [reader, expenses] of [
      ['units-single', 20],
      [user, 200],
    ] as const) {
      const units = await summaryReadUnits(reader, MONTH);
      figures.push(
        `${`GET /insights/summary (${expenses} expenses)`.padEnd(44)} ${units.toFixed(2)} RRU per read`,
      );
      const month = await harness.loadMonth(reader, MONTH);
      expect(month.daily.reduce((sum, d) => sum + d.count, 0)).toBe(expenses);
    }
  });
});
