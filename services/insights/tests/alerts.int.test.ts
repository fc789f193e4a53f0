import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { BudgetThresholdReached, SpendingAnomalyDetected } from '@spendwise/contracts';
import {
  budget,
  budgetRemoved,
  budgetSet,
  changed,
  day,
  deleted,
  expense,
  MONTH,
  recorded,
  updated,
} from './events';
import { type SpendingHarness, spendingHarness } from './support';

let harness: SpendingHarness;

beforeAll(async () => {
  harness = await spendingHarness();
});

afterAll(() => harness.close());

const alertsOf = async (user: string, detailType: string) =>
  (await harness.outbox(user))
    .filter((event) => event.detailType === detailType)
    .map((event) => event.detail);

const thresholdsOf = async (user: string) =>
  (await alertsOf(user, 'BudgetThresholdReached'))
    .map((detail) => detail.data.threshold)
    .sort((a, b) => a - b);

describe('BudgetThresholdReached', () => {
  it('is announced once per threshold as spending crosses it, with a schema-valid event', async () => {
    const user = 'threshold-user';
    await harness.deliverEach(budgetSet(user, budget({ minorUnits: 10000, thresholds: [50, 80, 100] })));

    await harness.deliverEach(
      recorded(user, expense({ minorUnits: 6000 })),
      recorded(user, expense({ minorUnits: 1000 })),
      recorded(user, expense({ minorUnits: 2500 })),
    );
    const first = (await alertsOf(user, 'BudgetThresholdReached')).find((d) => d.data.threshold === 50);

    expect(await thresholdsOf(user)).toEqual([50, 80]);
    expect(BudgetThresholdReached.validate(first)).toBe(true);
    expect(first.data).toMatchObject({
      categoryId: 'groceries',
      month: MONTH,
      threshold: 50,
      budget: { minorUnits: 10000, currency: 'EUR' },
      spent: { minorUnits: 6000, currency: 'EUR' },
      budgetVersion: 1,
    });
  });

  it('is announced exactly once even when every event is delivered twice', async () => {
    const user = 'threshold-twice';
    const events = [
      budgetSet(user, budget({ minorUnits: 1000 })),
      recorded(user, expense({ minorUnits: 1200 })),
    ];

    await harness.deliver(...events, ...events);
    await harness.deliver(...events);

    expect(await thresholdsOf(user)).toEqual([80, 100]);
  });

  it('is announced when the budget is set after the spending happened', async () => {
    const user = 'budget-after';
    await harness.deliverEach(recorded(user, expense({ minorUnits: 8500 })));

    await harness.deliverEach(
      budgetSet(user, budget({ minorUnits: 10000 }), new Date(`${day(25)}T09:00:00Z`)),
    );

    expect(await thresholdsOf(user)).toEqual([80]);
  });

  it('is not announced again that month after a delete brings spending under the threshold and back', async () => {
    const user = 'under-and-back';
    const big = expense({ minorUnits: 9000 });
    await harness.deliverEach(budgetSet(user, budget({ minorUnits: 10000 })), recorded(user, big));

    await harness.deliverEach(deleted(user, big), recorded(user, expense({ minorUnits: 9500 })));

    expect(await thresholdsOf(user)).toEqual([80]);
  });

  it('is not announced for a budget in another currency, nor after the budget was removed', async () => {
    const user = 'no-threshold';
    const usd = budget({ minorUnits: 1000, currency: 'USD' });
    await harness.deliverEach(
      budgetSet(user, usd),
      recorded(user, expense({ minorUnits: 5000, currency: 'EUR' })),
    );

    await harness.deliverEach(
      budgetRemoved(user, usd),
      recorded(user, expense({ minorUnits: 5000, currency: 'USD' })),
    );

    expect(await thresholdsOf(user)).toEqual([]);
  });

  it('counts an updated amount', async () => {
    const user = 'threshold-update';
    const small = expense({ minorUnits: 1000 });
    await harness.deliverEach(budgetSet(user, budget({ minorUnits: 10000 })), recorded(user, small));

    await harness.deliverEach(updated(user, small, changed(small, { minorUnits: 10000 })));

    expect(await thresholdsOf(user)).toEqual([80, 100]);
  });
});

describe('SpendingAnomalyDetected', () => {
  const history = (user: string, count: number) =>
    Array.from({ length: count }, (_, i) =>
      recorded(user, expense({ categoryId: 'dining', minorUnits: 2000 + i * 100 })),
    );

  it('stays silent before five earlier expenses, however large the amount', async () => {
    const user = 'short-history';

    await harness.deliverEach(
      ...history(user, 4),
      recorded(user, expense({ categoryId: 'dining', minorUnits: 90000 })),
    );

    expect(await alertsOf(user, 'SpendingAnomalyDetected')).toEqual([]);
  });

  it('is announced once for an amount far above the history, and the month lists it', async () => {
    const user = 'anomaly-user';
    const unusual = recorded(user, expense({ categoryId: 'dining', minorUnits: 90000, date: day(20) }));
    await harness.deliverEach(...history(user, 5));

    await harness.deliver(unusual, unusual);
    await harness.deliver(unusual);
    const alerts = await alertsOf(user, 'SpendingAnomalyDetected');
    const month = await harness.loadMonth(user, MONTH);

    expect(alerts).toHaveLength(1);
    expect(SpendingAnomalyDetected.validate(alerts[0])).toBe(true);
    expect(alerts[0].data).toMatchObject({
      expenseId: unusual.detail.data.expense.expenseId,
      amount: { minorUnits: 90000, currency: 'EUR' },
      typicalAmount: { minorUnits: 2200, currency: 'EUR' },
      historySize: 5,
    });
    expect(month.anomalies.map((a) => a.expenseId)).toEqual([unusual.detail.data.expense.expenseId]);
  });

  it('is not announced for an ordinary amount after enough history', async () => {
    const user = 'ordinary-user';

    await harness.deliverEach(
      ...history(user, 6),
      recorded(user, expense({ categoryId: 'dining', minorUnits: 2300 })),
    );

    expect(await alertsOf(user, 'SpendingAnomalyDetected')).toEqual([]);
  });
});
