import {
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  TransactWriteCommand,
  type TransactWriteCommandInput,
} from '@aws-sdk/lib-dynamodb';
import type { EventEnvelope } from '@spendwise/contracts';
import { outboxItem } from '@spendwise/outbox';
import type { BudgetCopy } from '../domain/budgets';
import type { CategoryCopy } from '../domain/categoryCopy';
import { ConcurrentChangeError } from '../domain/errors';
import { statsId } from '../domain/expenseBatch';
import type { DetectedAnomaly, ExpenseChangePlan } from '../domain/expenseChange';
import type { AggregateDelta, ExpenseState } from '../domain/expenseState';
import { monthOfDay } from '../domain/months';
import { EMPTY_STATS } from '../domain/runningStats';
import type {
  CommitExpenseBatch,
  CommitExpenseChange,
  FindBudget,
  LoadExpenseContext,
  LoadStoredExpenses,
  MarkActiveInMonth,
  MarkActiveOnDay,
  ReadThresholdProgress,
  RecordThresholdReached,
  SaveBudget,
  SaveCategory,
} from '../ports';
import { gatheredConsistentReads } from './gatheredReads';
import {
  AGGREGATE_TYPE,
  activeDayKey,
  activeMonthIndexKey,
  activeMonthKey,
  aggregateKey,
  anomalyKey,
  budgetKey,
  categoryKey,
  expenseKey,
  monthExpensesIndexKey,
  statsKey,
  thresholdKey,
} from './keys';
import { readThresholdProgress } from './thresholdProgress';
import { cancellationCodes, conditionFailed, lostARace } from './transactions';

export interface InsightsStoreConfig {
  tableName: string;
  now?: () => Date;
}

type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

/** Active-day markers only need to outlive the day they count. */
const ACTIVE_DAY_TTL_SECONDS = 3 * 24 * 3600;

/** How many known markers a container remembers before it starts over (a few hundred KB at most). */
const MARKERS_KEPT = 10_000;

const strip = <T>(item: Record<string, unknown> | undefined, ...names: string[]): T | undefined => {
  if (!item) return undefined;
  const drop = new Set(['PK', 'SK', 'type', ...names]);
  return Object.fromEntries(Object.entries(item).filter(([name]) => !drop.has(name))) as T;
};

/** DynamoDB adapters for the write side of the insights read models (see docs/insights-data-model.md). */
export function buildInsightsStore(client: DynamoDBDocumentClient, config: InsightsStoreConfig) {
  const { tableName: TableName } = config;
  const now = config.now ?? (() => new Date());
  // Strongly consistent reads, gathered per turn of the event loop: a batch's records read together.
  const get = gatheredConsistentReads(client, TableName);

  const loadExpenseContext: LoadExpenseContext = async (userId, expenseId, key) => {
    const [stored, stats] = await Promise.all([
      get(expenseKey(userId, expenseId)),
      key ? get(statsKey(userId, key.categoryId, key.currency)) : undefined,
    ]);
    return {
      stored: strip<ExpenseState>(stored, 'GSI1PK', 'GSI1SK'),
      history: stats ? { count: stats.count, mean: stats.mean, m2: stats.m2 } : EMPTY_STATS,
    };
  };

  const loadStoredExpenses: LoadStoredExpenses = async (userId, expenseIds, keys) => {
    const [states, stats] = await Promise.all([
      Promise.all([...new Set(expenseIds)].map((id) => get(expenseKey(userId, id)))),
      Promise.all(
        keys.map(async (key) => [key, await get(statsKey(userId, key.categoryId, key.currency))] as const),
      ),
    ]);
    return {
      states: new Map(
        states
          .map((item) => strip<ExpenseState>(item, 'GSI1PK', 'GSI1SK'))
          .filter((state) => state !== undefined)
          .map((state) => [state.expenseId, state]),
      ),
      histories: new Map(
        stats
          .filter(([, item]) => item !== undefined)
          .map(([key, item]) => [statsId(key), { count: item?.count, mean: item?.mean, m2: item?.m2 }]),
      ),
    };
  };

  const stateWrite = (state: ExpenseState, replacesOrder: number | undefined): TransactItem => ({
    Put: {
      TableName,
      Item: {
        ...expenseKey(state.userId, state.expenseId),
        type: 'ExpenseState',
        ...state,
        // A live state is listed in its month on GSI1, where the daily and merchant totals are read from.
        ...(state.contribution
          ? {
              GSI1PK: monthExpensesIndexKey(state.userId, monthOfDay(state.contribution.date)),
              GSI1SK: state.expenseId,
            }
          : {}),
      },
      ...(replacesOrder === undefined
        ? { ConditionExpression: 'attribute_not_exists(PK)' }
        : {
            ConditionExpression: '#order = :replaces',
            ExpressionAttributeNames: { '#order': 'order' },
            ExpressionAttributeValues: { ':replaces': replacesOrder },
          }),
    },
  });

  const deltaWrite = (userId: string, delta: AggregateDelta): TransactItem => ({
    Update: {
      TableName,
      Key: aggregateKey(userId, delta),
      UpdateExpression:
        'ADD minorUnits :amount, #count :count SET #type = :type, userId = :user, #month = :month, currency = :currency, #key = :key',
      ExpressionAttributeNames: { '#count': 'count', '#type': 'type', '#month': 'month', '#key': 'key' },
      ExpressionAttributeValues: {
        ':amount': delta.minorUnits,
        ':count': delta.count,
        ':type': AGGREGATE_TYPE[delta.kind],
        ':user': userId,
        ':month': delta.month,
        ':currency': delta.currency,
        ':key': delta.key,
      },
    },
  });

  const statsWrite = (userId: string, stats: NonNullable<ExpenseChangePlan['stats']>): TransactItem => ({
    Put: {
      TableName,
      Item: {
        ...statsKey(userId, stats.key.categoryId, stats.key.currency),
        type: 'CategoryStats',
        ...stats.key,
        ...stats.next,
      },
      ConditionExpression: stats.basedOnCount === 0 ? 'attribute_not_exists(PK)' : '#count = :based',
      ...(stats.basedOnCount === 0
        ? {}
        : {
            ExpressionAttributeNames: { '#count': 'count' },
            ExpressionAttributeValues: { ':based': stats.basedOnCount },
          }),
    },
  });

  const anomalyWrites = (userId: string, anomaly: DetectedAnomaly, event: EventEnvelope): TransactItem[] => {
    const { historySize: _size, ...view } = anomaly;
    const item = {
      ...anomalyKey(userId, monthOfDay(anomaly.date), anomaly.expenseId),
      type: 'Anomaly',
      userId,
      ...view,
    };
    return [
      { Put: { TableName, Item: item, ConditionExpression: 'attribute_not_exists(PK)' } },
      { Put: { TableName, Item: outboxItem(event, now()) } },
    ];
  };

  const transact = async (TransactItems: TransactItem[], what: string) => {
    try {
      await client.send(new TransactWriteCommand({ TransactItems }));
    } catch (error) {
      if (lostARace(error)) throw new ConcurrentChangeError(what, { cause: error });
      throw error;
    }
  };

  const commitExpenseBatch: CommitExpenseBatch = async (plan, anomalyEvents) => {
    const { userId } = plan;
    const anomalies = plan.anomalies.flatMap((anomaly) => {
      const event = anomalyEvents.get(anomaly.expenseId);
      return event ? anomalyWrites(userId, anomaly, event) : [];
    });
    await transact(
      [
        ...plan.states.map(({ state, replacesOrder }) => stateWrite(state, replacesOrder)),
        ...plan.deltas.map((delta) => deltaWrite(userId, delta)),
        ...plan.stats.map((stats) => statsWrite(userId, stats)),
        ...anomalies,
      ],
      `Expenses of ${userId}`,
    );
  };

  const commitExpenseChange: CommitExpenseChange = async (plan, anomalyEvent) => {
    const { userId } = plan.state;
    await transact(
      [
        stateWrite(plan.state, plan.replacesOrder),
        ...plan.deltas.map((delta) => deltaWrite(userId, delta)),
        ...(plan.stats ? [statsWrite(userId, plan.stats)] : []),
        ...(plan.anomaly && anomalyEvent ? anomalyWrites(userId, plan.anomaly, anomalyEvent) : []),
      ],
      `Expense ${plan.state.expenseId}`,
    );
  };

  // Version-guarded copy: written only over an older version (or nothing), so late events never roll back.
  const saveNewer = async (Key: Record<string, string>, item: Record<string, unknown>, version: number) => {
    try {
      await client.send(
        new PutCommand({
          TableName,
          Item: { ...Key, ...item },
          ConditionExpression: 'attribute_not_exists(PK) OR #version < :version',
          ExpressionAttributeNames: { '#version': 'version' },
          ExpressionAttributeValues: { ':version': version },
        }),
      );
      return true;
    } catch (error) {
      if (conditionFailed(error)) return false;
      throw error;
    }
  };

  const findBudget: FindBudget = async (userId, categoryId) =>
    strip<BudgetCopy>(await get(budgetKey(userId, categoryId)));

  const saveBudget: SaveBudget = (budget) =>
    saveNewer(budgetKey(budget.userId, budget.categoryId), { type: 'Budget', ...budget }, budget.version);

  const saveCategory: SaveCategory = (category: CategoryCopy) =>
    saveNewer(
      categoryKey(category.userId, category.categoryId),
      { type: 'Category', ...category },
      category.version,
    );

  const recordThresholdReached: RecordThresholdReached = async (marker, event) => {
    const item = {
      ...thresholdKey(marker.userId, marker.month, marker.categoryId, marker.threshold),
      type: 'ThresholdReached',
      ...marker,
    };
    try {
      await client.send(
        new TransactWriteCommand({
          TransactItems: [
            { Put: { TableName, Item: item, ConditionExpression: 'attribute_not_exists(PK)' } },
            { Put: { TableName, Item: outboxItem(event, now()) } },
          ],
        }),
      );
      return true;
    } catch (error) {
      // Only the marker's own guard means "announced already"; a conflict is retried by the caller.
      if (cancellationCodes(error)?.[0] === 'ConditionalCheckFailed') return false;
      throw error;
    }
  };

  const putOnce = async (item: Record<string, unknown>) => {
    try {
      await client.send(
        new PutCommand({ TableName, Item: item, ConditionExpression: 'attribute_not_exists(PK)' }),
      );
      return true;
    } catch (error) {
      if (conditionFailed(error)) return false;
      throw error;
    }
  };

  // Markers this container has seen stored: they are never removed while they count (an active day's marker
  // outlives its day), so a known one is neither read nor written again.
  const knownMarkers = new Set<string>();
  /** Writes a marker unless it exists: a read (eventually consistent, half a read unit) instead of a refused write. */
  const markOnce = async (item: Record<string, unknown> & { PK: string; SK: string }) => {
    const id = `${item.PK}|${item.SK}`;
    if (knownMarkers.has(id)) return false;
    const { PK, SK } = item;
    const found = await client.send(
      new GetCommand({ TableName, Key: { PK, SK }, ProjectionExpression: 'PK' }),
    );
    const fresh = found.Item === undefined && (await putOnce(item));
    if (knownMarkers.size >= MARKERS_KEPT) knownMarkers.clear();
    knownMarkers.add(id);
    return fresh;
  };

  const markActiveInMonth: MarkActiveInMonth = async (userId, month) => {
    await markOnce({
      ...activeMonthKey(userId, month),
      type: 'ActiveMonth',
      GSI1PK: activeMonthIndexKey(month),
      GSI1SK: userId,
      userId,
      month,
    });
  };

  const markActiveOnDay: MarkActiveOnDay = (userId, day) =>
    markOnce({
      ...activeDayKey(userId, day),
      type: 'ActiveDay',
      userId,
      day,
      expiresAt: Math.floor(now().getTime() / 1000) + ACTIVE_DAY_TTL_SECONDS,
    });

  const progress: ReadThresholdProgress = (userId, month, categoryId, currency) =>
    readThresholdProgress(client, TableName, { userId, month, categoryId, currency }, get);

  return {
    loadExpenseContext,
    loadStoredExpenses,
    commitExpenseChange,
    commitExpenseBatch,
    findBudget,
    saveBudget,
    saveCategory,
    readThresholdProgress: progress,
    recordThresholdReached,
    markActiveInMonth,
    markActiveOnDay,
  };
}

export type InsightsStore = ReturnType<typeof buildInsightsStore>;
