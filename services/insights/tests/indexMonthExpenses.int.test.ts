import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { indexMonthExpenses } from '../src/ops/indexMonthExpenses';
import { day, MONTH } from './events';
import { type SpendingHarness, spendingHarness } from './support';

let harness: SpendingHarness;

beforeAll(async () => {
  harness = await spendingHarness();
});

afterAll(() => harness.close());

/** Items as the consumer wrote them before docs/adr/0021: states off GSI1, daily and merchant totals stored. */
const before = (user: string) => [
  {
    PK: `USER#${user}`,
    SK: 'EXPENSE#e1',
    type: 'ExpenseState',
    userId: user,
    expenseId: 'e1',
    version: 1,
    deleted: false,
    order: 2,
    contribution: {
      categoryId: 'groceries',
      currency: 'EUR',
      minorUnits: 1200,
      date: day(3),
      merchant: 'bakery',
    },
  },
  {
    PK: `USER#${user}`,
    SK: 'EXPENSE#e2',
    type: 'ExpenseState',
    userId: user,
    expenseId: 'e2',
    version: 1,
    deleted: true,
    order: 3,
  },
  {
    PK: `USER#${user}`,
    SK: `MONTH#${MONTH}#CATEGORY#groceries#EUR`,
    type: 'CategoryTotal',
    userId: user,
    month: MONTH,
    key: 'groceries',
    currency: 'EUR',
    minorUnits: 1200,
    count: 1,
  },
  {
    PK: `USER#${user}`,
    SK: `MONTH#${MONTH}#DAY#${day(3)}#EUR`,
    type: 'DailyTotal',
    key: day(3),
    currency: 'EUR',
    minorUnits: 1200,
    count: 1,
  },
  {
    PK: `USER#${user}`,
    SK: `MONTH#${MONTH}#MERCHANT#EUR#bakery`,
    type: 'MerchantTotal',
    key: 'bakery',
    currency: 'EUR',
    minorUnits: 1200,
    count: 1,
  },
];

describe('indexMonthExpenses', () => {
  it('lists the states written before computed-on-read totals on GSI1, drops the old totals, and then finds nothing to do', async () => {
    const user = 'before-0021';
    const { documentClient, tableName } = harness.table;
    for (const Item of before(user))
      await documentClient.send(new PutCommand({ TableName: tableName, Item }));

    const first = await indexMonthExpenses(documentClient, tableName);
    const second = await indexMonthExpenses(documentClient, tableName);
    const month = await harness.loadMonth(user, MONTH);
    const types = (await harness.table.allItems()).filter((i) => i.PK === `USER#${user}`).map((i) => i.type);

    expect(first).toEqual({ indexed: 1, skipped: 0, oldTotalsDeleted: 2 });
    expect(second).toEqual({ indexed: 0, skipped: 0, oldTotalsDeleted: 0 });
    expect(month.daily).toEqual([{ date: day(3), currency: 'EUR', minorUnits: 1200, count: 1 }]);
    expect(month.topMerchants).toEqual([{ merchant: 'bakery', currency: 'EUR', minorUnits: 1200, count: 1 }]);
    expect(types).not.toContain('DailyTotal');
    expect(types).not.toContain('MerchantTotal');
  });
});
