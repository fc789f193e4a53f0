import { type DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { type CursorScope, decodeCursor, encodeCursor } from '@spendwise/lambda-kit/cursor';
import { queryAll } from '@spendwise/lambda-kit/queryAll';
import type {
  AnomalyView,
  BudgetView,
  CategoryMonthTotal,
  DailyTotal,
  ListActiveUsers,
  LoadMonthAggregates,
  MerchantMonthTotal,
} from '../domain/monthAggregates';
import type { LoadMonthTotals } from '../ports';
import {
  activeMonthIndexKey,
  BUDGET_PREFIX,
  CATEGORY_PREFIX,
  monthExpensesIndexKey,
  monthPrefix,
  userKey,
} from './keys';

type Item = Record<string, unknown>;

const TOP_MERCHANTS = 10;
const ACTIVE_USERS_PAGE = 100;

/** Every item of one user's partition under an SK prefix, following pages (a month holds a few hundred items). */
function queryPrefix(client: DynamoDBDocumentClient, tableName: string, userId: string, prefix: string) {
  return queryAll(client, {
    TableName: tableName,
    KeyConditionExpression: 'PK = :pk AND begins_with(SK, :prefix)',
    ExpressionAttributeValues: { ':pk': userKey(userId), ':prefix': prefix },
  });
}

const amountOf = (item: Item) => ({
  currency: String(item.currency),
  minorUnits: Number(item.minorUnits),
  count: Number(item.count),
});

// Deletions leave aggregates at zero; a month shows only what still has expenses.
const live = (item: Item) => Number(item.count) > 0;
const ofType = (items: Item[], type: string) => items.filter((item) => item.type === type);

const categoryTotals = (items: Item[]): CategoryMonthTotal[] =>
  ofType(items, 'CategoryTotal')
    .filter(live)
    .map((item) => ({ categoryId: String(item.key), ...amountOf(item) }));

interface Contribution {
  date: string;
  currency: string;
  minorUnits: number;
  merchant?: string;
}

/** Sums the contributions per key and currency. */
function sumBy<K extends string>(
  contributions: Contribution[],
  name: K,
  keyOf: (c: Contribution) => string | undefined,
) {
  const sums = new Map<string, { currency: string; minorUnits: number; count: number } & Record<K, string>>();
  for (const c of contributions) {
    const key = keyOf(c);
    if (key === undefined) continue;
    const id = `${key}|${c.currency}`;
    const seen = sums.get(id) ?? ({ [name]: key, currency: c.currency, minorUnits: 0, count: 0 } as never);
    sums.set(id, { ...seen, minorUnits: seen.minorUnits + c.minorUnits, count: seen.count + 1 });
  }
  return [...sums.values()];
}

const dailyTotals = (contributions: Contribution[]): DailyTotal[] =>
  sumBy(contributions, 'date', (c) => c.date).sort(
    (a, b) => a.date.localeCompare(b.date) || a.currency.localeCompare(b.currency),
  );

const topMerchants = (contributions: Contribution[]): MerchantMonthTotal[] =>
  sumBy(contributions, 'merchant', (c) => c.merchant)
    .sort((a, b) => b.minorUnits - a.minorUnits || b.count - a.count || a.merchant.localeCompare(b.merchant))
    .slice(0, TOP_MERCHANTS);

/** The contributions of a user's live expenses in a month (GSI1, eventually consistent like every read here). */
async function monthContributions(
  client: DynamoDBDocumentClient,
  tableName: string,
  userId: string,
  month: string,
): Promise<Contribution[]> {
  const items = await queryAll(client, {
    TableName: tableName,
    IndexName: 'GSI1',
    KeyConditionExpression: 'GSI1PK = :pk',
    ExpressionAttributeValues: { ':pk': monthExpensesIndexKey(userId, month) },
    ProjectionExpression: 'contribution',
  });
  return items.flatMap((item) => {
    const c = item.contribution as Record<string, unknown> | undefined;
    if (!c) return [];
    return [
      {
        date: String(c.date),
        currency: String(c.currency),
        minorUnits: Number(c.minorUnits),
        ...(c.merchant === undefined ? {} : { merchant: String(c.merchant) }),
      },
    ];
  });
}

const anomalies = (items: Item[]): AnomalyView[] =>
  ofType(items, 'Anomaly')
    .map((item) => ({
      expenseId: String(item.expenseId),
      categoryId: String(item.categoryId),
      date: String(item.date),
      amount: item.amount as AnomalyView['amount'],
      typicalAmount: item.typicalAmount as AnomalyView['typicalAmount'],
      score: Number(item.score),
    }))
    .sort((a, b) => a.date.localeCompare(b.date) || a.expenseId.localeCompare(b.expenseId));

const budgets = (items: Item[]): BudgetView[] =>
  items
    .filter((item) => item.removed !== true)
    .map((item) => ({
      categoryId: String(item.categoryId),
      amount: item.amount as BudgetView['amount'],
      thresholds: (item.thresholds as number[]).map(Number),
    }));

/**
 * LoadMonthAggregates on the insights table: one Query for the month's read models (category totals, anomalies),
 * one on GSI1 for the month's expense states (daily and merchant totals, summed here), one for the budgets and
 * one for the names of the user's own categories the month mentions. Eventually consistent reads: a report or a
 * summary may lag the last event by a moment.
 */
export function buildMonthAggregatesReader(
  client: DynamoDBDocumentClient,
  tableName: string,
): LoadMonthAggregates {
  return async (userId, month) => {
    const [monthItems, contributions, budgetItems, categoryItems] = await Promise.all([
      queryPrefix(client, tableName, userId, monthPrefix(month)),
      monthContributions(client, tableName, userId, month),
      queryPrefix(client, tableName, userId, BUDGET_PREFIX),
      queryPrefix(client, tableName, userId, CATEGORY_PREFIX),
    ]);
    const totals = categoryTotals(monthItems).sort(
      (a, b) => a.categoryId.localeCompare(b.categoryId) || a.currency.localeCompare(b.currency),
    );
    const budgetViews = budgets(budgetItems);
    const found = anomalies(monthItems);
    const mentioned = new Set([...totals, ...budgetViews, ...found].map((entry) => entry.categoryId));
    const categoryNames = Object.fromEntries(
      categoryItems
        .filter((item) => mentioned.has(String(item.categoryId)))
        .map((item) => [String(item.categoryId), String(item.name)]),
    );
    return {
      userId,
      month,
      totals,
      daily: dailyTotals(contributions),
      budgets: budgetViews,
      anomalies: found,
      topMerchants: topMerchants(contributions),
      categoryNames,
    };
  };
}

/** The category totals of a month alone (the month-over-month comparison needs nothing else). */
export function buildMonthTotalsReader(client: DynamoDBDocumentClient, tableName: string): LoadMonthTotals {
  return async (userId, month) =>
    categoryTotals(await queryPrefix(client, tableName, userId, `${monthPrefix(month)}CATEGORY#`));
}

/** Cursors of ListActiveUsers: bound to the month's partition of GSI1. */
const activeUsersScope = (month: string): CursorScope => ({
  partitionAttribute: 'GSI1PK',
  partition: activeMonthIndexKey(month),
  keyAttributes: ['PK', 'SK', 'GSI1PK', 'GSI1SK'],
});

/** ListActiveUsers on GSI1 (`ACTIVE#<month>`): pages of up to 100 user ids, with an opaque cursor. */
export function buildActiveUsersReader(client: DynamoDBDocumentClient, tableName: string): ListActiveUsers {
  return async (month, cursor) => {
    const page = await client.send(
      new QueryCommand({
        TableName: tableName,
        IndexName: 'GSI1',
        KeyConditionExpression: 'GSI1PK = :pk',
        ExpressionAttributeValues: { ':pk': activeMonthIndexKey(month) },
        Limit: ACTIVE_USERS_PAGE,
        ExclusiveStartKey: cursor === undefined ? undefined : decodeCursor(cursor, activeUsersScope(month)),
      }),
    );
    const userIds = (page.Items ?? []).map((item) => String(item.userId));
    return page.LastEvaluatedKey
      ? { userIds, cursor: encodeCursor(page.LastEvaluatedKey, activeUsersScope(month)) }
      : { userIds };
  };
}
