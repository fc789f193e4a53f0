import { type DynamoDBDocumentClient, GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { outboxItem } from '@spendwise/outbox';
import { ExpenseNotFoundError, StaleUploadError, StaleVersionError } from '../domain/errors';
import type { PendingReceipt } from '../domain/receipt';
import type {
  AttachReceipt,
  FindPendingReceipt,
  RecordPendingReceipt,
  RecordReceiptRejection,
} from '../ports';
import { expenseItem, expenseKey, pendingReceiptKey, receiptRejectionKey } from './keys';
import { cancellationReason } from './transactions';

export interface ReceiptStoreConfig {
  tableName: string;
  /**
   * How long a requested upload stays pending. Longer than the presigned POST lives (5 minutes) plus the time a
   * notification may wait in the queue, so a late but valid upload still attaches.
   */
  pendingTtlSeconds?: number;
  /** How long a rejection is remembered against duplicates of its notification. */
  rejectionTtlSeconds?: number;
  now?: () => Date;
}

/** DynamoDB adapters for the receipt ports, in the expenses table (docs/expenses-data-model.md). */
export function buildReceiptStore(client: DynamoDBDocumentClient, config: ReceiptStoreConfig) {
  const { tableName } = config;
  const now = config.now ?? (() => new Date());
  const pendingTtl = config.pendingTtlSeconds ?? 24 * 3600;
  const rejectionTtl = config.rejectionTtlSeconds ?? 7 * 24 * 3600;
  const expiry = (seconds: number) => Math.floor(now().getTime() / 1000) + seconds;

  const recordPendingReceipt: RecordPendingReceipt = async (pending) => {
    try {
      await client.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              ConditionCheck: {
                TableName: tableName,
                Key: expenseKey(pending.userId, pending.expenseId),
                ConditionExpression: 'attribute_exists(PK)',
              },
            },
            {
              // Unconditional: a newer request replaces an older one, which makes the older upload stale.
              Put: {
                TableName: tableName,
                Item: {
                  ...pendingReceiptKey(pending.userId, pending.expenseId),
                  type: 'PendingReceipt',
                  ...pending,
                  expiresAt: expiry(pendingTtl),
                },
              },
            },
          ],
        }),
      );
    } catch (error) {
      if (cancellationCode(error, 0) === 'ConditionalCheckFailed') {
        throw new ExpenseNotFoundError(pending.expenseId);
      }
      throw error;
    }
  };

  const findPendingReceipt: FindPendingReceipt = async (userId, expenseId) => {
    const { Item } = await client.send(
      new GetCommand({
        TableName: tableName,
        Key: pendingReceiptKey(userId, expenseId),
        ConsistentRead: true,
      }),
    );
    if (!Item) return undefined;
    const { userId: owner, expenseId: id, receiptId, contentType, requestedAt } = Item;
    return { userId: owner, expenseId: id, receiptId, contentType, requestedAt } as PendingReceipt;
  };

  const attachReceipt: AttachReceipt = async (next, expectedVersion, event) => {
    const receiptId = next.receipt?.receiptId;
    if (!receiptId) throw new Error(`Expense ${next.expenseId} has no receipt to attach`);
    try {
      await client.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Put: {
                TableName: tableName,
                Item: expenseItem(next),
                ConditionExpression: 'attribute_exists(PK) AND #version = :expected',
                ExpressionAttributeNames: { '#version': 'version' },
                ExpressionAttributeValues: { ':expected': expectedVersion },
                ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
              },
            },
            {
              // Consumes the pending upload, and only if a newer request did not replace it meanwhile.
              Delete: {
                TableName: tableName,
                Key: pendingReceiptKey(next.userId, next.expenseId),
                ConditionExpression: '#receiptId = :receiptId',
                ExpressionAttributeNames: { '#receiptId': 'receiptId' },
                ExpressionAttributeValues: { ':receiptId': receiptId },
              },
            },
            { Put: { TableName: tableName, Item: outboxItem(event, now()) } },
          ],
        }),
      );
    } catch (error) {
      const expense = cancellationReason(error, 0);
      if (expense?.code === 'ConditionalCheckFailed') {
        if (!expense.item) throw new ExpenseNotFoundError(next.expenseId);
        throw new StaleVersionError(next.expenseId, expectedVersion);
      }
      if (cancellationCode(error, 1) === 'ConditionalCheckFailed') {
        throw new StaleUploadError(next.expenseId, receiptId);
      }
      throw error;
    }
  };

  const recordReceiptRejection: RecordReceiptRejection = async (location, event) => {
    try {
      await client.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Put: {
                TableName: tableName,
                Item: {
                  ...receiptRejectionKey(location.userId, location.receiptId),
                  type: 'ReceiptRejection',
                  expenseId: location.expenseId,
                  eventId: event.detail.metadata.eventId,
                  expiresAt: expiry(rejectionTtl),
                },
                ConditionExpression: 'attribute_not_exists(PK)',
              },
            },
            { Put: { TableName: tableName, Item: outboxItem(event, now()) } },
          ],
        }),
      );
      return 'recorded';
    } catch (error) {
      if (cancellationCode(error, 0) === 'ConditionalCheckFailed') return 'already-recorded';
      throw error;
    }
  };

  return { recordPendingReceipt, findPendingReceipt, attachReceipt, recordReceiptRejection };
}

const cancellationCode = (error: unknown, index: number) => cancellationReason(error, index)?.code;
