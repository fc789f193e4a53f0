import {
  type DynamoDBDocumentClient,
  GetCommand,
  QueryCommand,
  TransactWriteCommand,
  type TransactWriteCommandInput,
} from '@aws-sdk/lib-dynamodb';
import { type CursorScope, decodeCursor, encodeCursor } from '@spendwise/lambda-kit/cursor';
import { outboxItem } from '@spendwise/outbox';
import {
  CategoryArchivedError,
  ExpenseNotFoundError,
  IdempotencyKeyReusedError,
  StaleVersionError,
  UnknownCategoryError,
} from '../domain/errors';
import type { Expense } from '../domain/expense';
import type {
  CategoryGuard,
  DeleteExpense,
  FindExpense,
  FindReplay,
  IdempotencyClaim,
  ListExpenses,
  SaveExpenseChange,
  SaveNewExpense,
} from '../ports';
import {
  categoryMonthPartition,
  expenseFromItem,
  expenseItem,
  expenseKey,
  idempotencyKey,
  monthPartition,
  ownCategoryKey,
} from './keys';
import { cancellationReason } from './transactions';

export interface ExpenseStoreConfig {
  tableName: string;
  /** How long a POST's Idempotency-Key is remembered. */
  idempotencyTtlSeconds?: number;
  now?: () => Date;
}

type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

/** DynamoDB adapters for the expense ports; every state change is written with its outbox record in one transaction. */
export function buildExpenseStore(client: DynamoDBDocumentClient, config: ExpenseStoreConfig) {
  const { tableName } = config;
  const now = config.now ?? (() => new Date());
  const idempotencyTtl = config.idempotencyTtlSeconds ?? 24 * 3600;

  const transact = (items: TransactItem[]) => client.send(new TransactWriteCommand({ TransactItems: items }));

  const readClaim = async (userId: string, claim: IdempotencyClaim) => {
    const { Item } = await client.send(
      new GetCommand({ TableName: tableName, Key: idempotencyKey(userId, claim.key), ConsistentRead: true }),
    );
    return Item;
  };

  const replayClaim = async (userId: string, claim: IdempotencyClaim, stored?: Record<string, unknown>) => {
    // A concurrent request with the same key may still be committing: look again briefly before giving up.
    let record = stored;
    for (let attempt = 0; !record && attempt < 5; attempt += 1) {
      await new Promise((resolve) => setTimeout(resolve, 20 * 2 ** attempt));
      record = await readClaim(userId, claim);
    }
    if (!record) throw new Error(`Idempotency record ${claim.key} vanished while replaying`);
    if (record.requestHash !== claim.requestHash) throw new IdempotencyKeyReusedError(claim.key);
    return { outcome: 'replayed' as const, expense: record.expense as Expense };
  };

  const findReplay: FindReplay = async (userId, claim) => {
    const record = await readClaim(userId, claim);
    return record ? replayClaim(userId, claim, record) : undefined;
  };

  const saveNewExpense: SaveNewExpense = async (expense, event, claim, guard) => {
    const at = now();
    const items: TransactItem[] = [
      {
        Put: {
          TableName: tableName,
          Item: expenseItem(expense),
          ConditionExpression: 'attribute_not_exists(PK)',
        },
      },
      { Put: { TableName: tableName, Item: outboxItem(event, at) } },
    ];
    const claimIndex = claim ? items.push(claimItem(expense.userId, claim, expense, at)) - 1 : -1;
    const guardIndex = guard ? items.push(categoryCheck(expense.userId, guard)) - 1 : -1;
    try {
      await transact(items);
      return { outcome: 'created', expense };
    } catch (error) {
      // A used key wins over the category check: the first request with it was accepted, so replay its answer.
      const reason = claim ? cancellationReason(error, claimIndex) : undefined;
      if (claim && reason && ['ConditionalCheckFailed', 'TransactionConflict'].includes(reason.code))
        return replayClaim(expense.userId, claim, reason.item);
      throwIfCategoryRefused(error, guardIndex, guard);
      throw error;
    }
  };

  const claimItem = (userId: string, claim: IdempotencyClaim, expense: Expense, at: Date): TransactItem => ({
    Put: {
      TableName: tableName,
      Item: {
        ...idempotencyKey(userId, claim.key),
        type: 'IdempotencyRecord',
        requestHash: claim.requestHash,
        expense,
        expiresAt: Math.floor(at.getTime() / 1000) + idempotencyTtl,
      },
      ConditionExpression: 'attribute_not_exists(PK)',
      ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
    },
  });

  // The copy of the catalog said the category was active when the request was checked; this re-check makes an
  // archive that lands between that read and this write refuse the write instead of slipping through.
  const categoryCheck = (userId: string, guard: CategoryGuard): TransactItem => ({
    ConditionCheck: {
      TableName: tableName,
      Key: ownCategoryKey(userId, guard.ownCategoryId),
      ConditionExpression: 'attribute_exists(PK) AND #archived = :active',
      ExpressionAttributeNames: { '#archived': 'archived' },
      ExpressionAttributeValues: { ':active': false },
      ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
    },
  });

  const findExpense: FindExpense = async (userId, expenseId) => {
    const { Item } = await client.send(
      new GetCommand({ TableName: tableName, Key: expenseKey(userId, expenseId), ConsistentRead: true }),
    );
    return Item ? expenseFromItem(Item) : undefined;
  };

  const listExpenses: ListExpenses = async ({ userId, month, categoryId, limit, cursor }) => {
    const [index, partition] = categoryId
      ? (['GSI2', categoryMonthPartition(userId, categoryId, month)] as const)
      : (['GSI1', monthPartition(userId, month)] as const);
    const scope: CursorScope = {
      partitionAttribute: `${index}PK`,
      partition,
      keyAttributes: ['PK', 'SK', `${index}PK`, `${index}SK`],
    };
    const page = await client.send(
      new QueryCommand({
        TableName: tableName,
        IndexName: index,
        KeyConditionExpression: '#pk = :pk',
        ExpressionAttributeNames: { '#pk': `${index}PK` },
        ExpressionAttributeValues: { ':pk': partition },
        ScanIndexForward: false,
        Limit: limit,
        ExclusiveStartKey: cursor ? decodeCursor(cursor, scope) : undefined,
      }),
    );
    const last = page.LastEvaluatedKey;
    return {
      items: (page.Items ?? []).map(expenseFromItem),
      ...(last ? { nextCursor: encodeCursor(last, scope) } : {}),
    };
  };

  const versionGuard = (expectedVersion: number) => ({
    ConditionExpression: 'attribute_exists(PK) AND #version = :expected',
    ExpressionAttributeNames: { '#version': 'version' },
    ExpressionAttributeValues: { ':expected': expectedVersion },
    ReturnValuesOnConditionCheckFailure: 'ALL_OLD' as const,
  });

  const guarded = async (
    expense: Expense,
    expectedVersion: number,
    items: TransactItem[],
    guard?: CategoryGuard,
  ) => {
    const guardIndex = guard ? items.push(categoryCheck(expense.userId, guard)) - 1 : -1;
    try {
      await transact(items);
    } catch (error) {
      // A stale or missing expense wins over the category check: the caller must re-read it first anyway.
      const reason = cancellationReason(error, 0);
      if (reason?.code === 'ConditionalCheckFailed') {
        if (!reason.item) throw new ExpenseNotFoundError(expense.expenseId);
        throw new StaleVersionError(expense.expenseId, expectedVersion);
      }
      throwIfCategoryRefused(error, guardIndex, guard);
      throw error;
    }
  };

  const saveExpenseChange: SaveExpenseChange = (expense, expectedVersion, event, guard) =>
    guarded(
      expense,
      expectedVersion,
      [
        { Put: { TableName: tableName, Item: expenseItem(expense), ...versionGuard(expectedVersion) } },
        { Put: { TableName: tableName, Item: outboxItem(event, now()) } },
      ],
      guard,
    );

  const deleteExpense: DeleteExpense = (expense, expectedVersion, event) =>
    guarded(expense, expectedVersion, [
      {
        Delete: {
          TableName: tableName,
          Key: expenseKey(expense.userId, expense.expenseId),
          ...versionGuard(expectedVersion),
        },
      },
      { Put: { TableName: tableName, Item: outboxItem(event, now()) } },
    ]);

  return { saveNewExpense, findReplay, findExpense, listExpenses, saveExpenseChange, deleteExpense };
}

/** Turns a failed category re-check into the domain error it means: gone from the copy, or archived. */
function throwIfCategoryRefused(error: unknown, index: number, guard: CategoryGuard | undefined) {
  if (!guard || index < 0) return;
  const reason = cancellationReason(error, index);
  if (reason?.code !== 'ConditionalCheckFailed') return;
  if (reason.item) throw new CategoryArchivedError(guard.ownCategoryId);
  throw new UnknownCategoryError(guard.ownCategoryId);
}
