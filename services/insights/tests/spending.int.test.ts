import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { cal, changed, day, deleted, expense, MONTH, recorded, updated } from './events';
import { type SpendingHarness, spendingHarness } from './support';

let harness: SpendingHarness;

beforeAll(async () => {
  harness = await spendingHarness();
});

afterAll(() => harness.close());

const totalsOf = async (user: string, month = MONTH) => (await harness.loadMonth(user, month)).totals;

describe('monthly totals', () => {
  it('equal the sum of the expenses as they finally are, after updates and deletes', async () => {
    const user = 'totals-user';
    const e1 = expense({ minorUnits: 1000, merchant: 'Corner Shop' });
    const e2 = expense({ minorUnits: 2000, categoryId: 'dining', date: day(6) });
    const e3 = expense({ minorUnits: 500, date: day(7) });
    const e1v2 = changed(e1, { minorUnits: 1500 });
    const e2v2 = changed(e2, { categoryId: 'groceries' });

    await harness.deliverEach(
      recorded(user, e1),
      recorded(user, e2),
      recorded(user, e3),
      updated(user, e1, e1v2),
      updated(user, e2, e2v2),
      deleted(user, e3),
    );
    const month = await harness.loadMonth(user, MONTH);

    expect(month.totals).toEqual([{ categoryId: 'groceries', currency: 'EUR', minorUnits: 3500, count: 2 }]);
    expect(month.daily).toEqual([
      { date: day(5), currency: 'EUR', minorUnits: 1500, count: 1 },
      { date: day(6), currency: 'EUR', minorUnits: 2000, count: 1 },
    ]);
    expect(month.topMerchants).toEqual([
      { merchant: 'corner shop', currency: 'EUR', minorUnits: 1500, count: 1 },
    ]);
  });

  it('move an expense between months when its date changes', async () => {
    const user = 'mover';
    const e1 = expense({ minorUnits: 800, date: cal.lastDayOf(cal.monthsAgo(2)) });

    await harness.deliverEach(recorded(user, e1), updated(user, e1, changed(e1, { date: day(1) })));

    expect(await totalsOf(user, cal.monthsAgo(2))).toEqual([]);
    expect(await totalsOf(user, MONTH)).toEqual([
      { categoryId: 'groceries', currency: 'EUR', minorUnits: 800, count: 1 },
    ]);
  });

  it('keep currencies apart', async () => {
    const user = 'two-currencies';

    await harness.deliverEach(
      recorded(user, expense({ minorUnits: 100, currency: 'EUR' })),
      recorded(user, expense({ minorUnits: 200, currency: 'USD' })),
    );

    expect(await totalsOf(user)).toEqual([
      { categoryId: 'groceries', currency: 'EUR', minorUnits: 100, count: 1 },
      { categoryId: 'groceries', currency: 'USD', minorUnits: 200, count: 1 },
    ]);
  });
});

describe('duplicates', () => {
  it('count nothing twice when every event is delivered twice, in one batch and again later', async () => {
    const user = 'duplicates';
    const e1 = expense({ minorUnits: 1000 });
    const e2 = expense({ minorUnits: 3000 });
    const e1v2 = changed(e1, { minorUnits: 1200 });
    const events = [recorded(user, e1), recorded(user, e2), updated(user, e1, e1v2), deleted(user, e2)];

    const first = await harness.deliver(...events.flatMap((event) => [event, event]));
    const second = await harness.deliver(...events);

    expect(first.batchItemFailures).toEqual([]);
    expect(second.batchItemFailures).toEqual([]);
    expect(await totalsOf(user)).toEqual([
      { categoryId: 'groceries', currency: 'EUR', minorUnits: 1200, count: 1 },
    ]);
  });
});

describe('batches', () => {
  it('apply a batch mixing users, months, duplicates and versions as if delivered one by one', async () => {
    const [ann, bob] = ['batch-ann', 'batch-bob'];
    const earlier = cal.monthsAgo(2);
    const a1 = expense({ minorUnits: 1000, merchant: 'Bakery' });
    const a1v2 = changed(a1, { minorUnits: 1600 });
    const a2 = expense({ minorUnits: 700, date: cal.dayOf(earlier, 9) });
    const b1 = expense({ minorUnits: 300, categoryId: 'dining', merchant: 'Bakery' });
    const b2 = expense({ minorUnits: 900, categoryId: 'dining' });

    const response = await harness.deliver(
      updated(ann, a1, a1v2),
      recorded(bob, b1),
      recorded(ann, a1),
      recorded(ann, a2),
      recorded(bob, b2),
      recorded(bob, b1),
      deleted(bob, b2),
    );
    const [annNow, annEarlier, bobNow] = await Promise.all([
      harness.loadMonth(ann, MONTH),
      harness.loadMonth(ann, earlier),
      harness.loadMonth(bob, MONTH),
    ]);

    expect(response.batchItemFailures).toEqual([]);
    expect(annNow.totals).toEqual([{ categoryId: 'groceries', currency: 'EUR', minorUnits: 1600, count: 1 }]);
    expect(annNow.topMerchants).toEqual([
      { merchant: 'bakery', currency: 'EUR', minorUnits: 1600, count: 1 },
    ]);
    expect(annEarlier.totals).toEqual([
      { categoryId: 'groceries', currency: 'EUR', minorUnits: 700, count: 1 },
    ]);
    expect(bobNow.totals).toEqual([{ categoryId: 'dining', currency: 'EUR', minorUnits: 300, count: 1 }]);
    expect((await harness.listActiveUsers(earlier)).userIds).toContain(ann);
  });
});

describe('out-of-order delivery', () => {
  it('applies an update that arrives before its record, and ignores the late record', async () => {
    const user = 'update-first';
    const e1 = expense({ minorUnits: 1000 });
    const e1v2 = changed(e1, { minorUnits: 4000 });

    await harness.deliverEach(updated(user, e1, e1v2), recorded(user, e1));

    expect(await totalsOf(user)).toEqual([
      { categoryId: 'groceries', currency: 'EUR', minorUnits: 4000, count: 1 },
    ]);
  });

  it('counts nothing for an expense whose deletion arrives before its record', async () => {
    const user = 'delete-first';
    const e1 = expense({ minorUnits: 1000 });

    await harness.deliverEach(deleted(user, e1), recorded(user, e1));

    expect(await totalsOf(user)).toEqual([]);
  });

  it('never rolls back a newer state when an older update arrives late', async () => {
    const user = 'old-update-late';
    const v1 = expense({ minorUnits: 1000, categoryId: 'dining' });
    const v2 = changed(v1, { minorUnits: 2000 });
    const v3 = changed(v2, { minorUnits: 3000, categoryId: 'travel' });

    await harness.deliverEach(recorded(user, v1), updated(user, v2, v3), updated(user, v1, v2));

    expect(await totalsOf(user)).toEqual([
      { categoryId: 'travel', currency: 'EUR', minorUnits: 3000, count: 1 },
    ]);
  });
});

describe('poison messages', () => {
  it('are reported as batch item failures while the rest of the batch is applied', async () => {
    const user = 'poison';
    const good = recorded(user, expense({ minorUnits: 900 }));

    const response = await harness.deliver(
      'not json',
      JSON.stringify({ id: 'x', 'detail-type': 'Nope' }),
      good,
    );

    expect(response.batchItemFailures).toEqual([{ itemIdentifier: 'msg-1' }, { itemIdentifier: 'msg-2' }]);
    expect(await totalsOf(user)).toEqual([
      { categoryId: 'groceries', currency: 'EUR', minorUnits: 900, count: 1 },
    ]);
  });
});

describe('active users', () => {
  it('lists a user in every month an expense of theirs was recorded, moved or deleted in', async () => {
    const user = 'active-user';
    const e1 = expense({ date: cal.dayOf(cal.monthsAgo(4), 10) });

    await harness.deliverEach(
      recorded(user, e1),
      updated(user, e1, changed(e1, { date: cal.dayOf(cal.monthsAgo(3), 1) })),
    );

    expect((await harness.listActiveUsers(cal.monthsAgo(4))).userIds).toContain(user);
    expect((await harness.listActiveUsers(cal.monthsAgo(3))).userIds).toContain(user);
    expect((await harness.listActiveUsers(cal.monthsAgo(5))).userIds).not.toContain(user);
  });
});
