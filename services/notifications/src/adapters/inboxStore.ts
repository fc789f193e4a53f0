import {
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  TransactWriteCommand,
} from '@aws-sdk/lib-dynamodb';
import { decodeCursor, encodeCursor } from '@spendwise/lambda-kit/cursor';
import { outboxItem } from '@spendwise/outbox';
import { type Alert, alertDataFromStored, storedAlertData } from '../domain/alert';
import type { InboxItem, ListInbox, MarkAllRead, MarkPublished, MarkRead, SaveInboxItem } from '../ports';
import {
  BY_TIME_INDEX,
  conditionFailedAt,
  counterKey,
  fromItem,
  notificationKey,
  publishMarkKey,
  timeSortKey,
  UNREAD_BY_TIME_INDEX,
  userKey,
} from './keys';

export interface InboxStoreConfig {
  tableName: string;
}

/** Read items leave the inbox after 90 days (TTL); unread ones stay, so the unread count never drifts. */
export const READ_RETENTION_SECONDS = 90 * 24 * 3600;

/**
 * How long a publish mark is kept (TTL): longer than the bus archive keeps events (90 days, services/platform),
 * so a replay of an archived event finds its alert already published and sends nothing.
 */
export const PUBLISH_MARK_RETENTION_SECONDS = 120 * 24 * 3600;

const inboxItem = (alert: Alert, now: Date) => {
  const sortKey = timeSortKey(alert.occurredAt, alert.notificationId);
  return {
    ...notificationKey(alert.userId, alert.notificationId),
    kind: 'Notification',
    LSI1SK: sortKey,
    LSI2SK: sortKey,
    ...alert,
    data: storedAlertData(alert),
    createdAt: now.toISOString(),
    readAt: null,
  };
};

/** An inbox item as the ports see it, from what the table stores. */
const inboxItemFrom = (stored: Record<string, unknown>): InboxItem => {
  const item = fromItem<InboxItem>(stored);
  return { ...item, data: alertDataFromStored(item) };
};

/**
 * DynamoDB adapters for the inbox ports: items and the unread counter always change in one transaction; a new
 * item's NotificationDelivered outbox record is part of that transaction.
 */
export function buildInboxStore(client: DynamoDBDocumentClient, config: InboxStoreConfig) {
  const { tableName } = config;

  const unreadCount = async (userId: string) => {
    const { Item } = await client.send(
      new GetCommand({ TableName: tableName, Key: counterKey(userId), ConsistentRead: true }),
    );
    return Math.max(0, Number(Item?.unread ?? 0));
  };

  // The outbox record rides in the same transaction as the conditional put: a new item announces itself exactly
  // once, and a redelivered event (failed condition) writes no record at all.
  const saveInboxItem: SaveInboxItem = async (alert, now, delivered) => {
    const item = inboxItem(alert, now);
    try {
      await client.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Put: {
                TableName: tableName,
                Item: item,
                ConditionExpression: 'attribute_not_exists(PK)',
                ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
              },
            },
            {
              Update: {
                TableName: tableName,
                Key: counterKey(alert.userId),
                UpdateExpression: 'ADD unread :one',
                ExpressionAttributeValues: { ':one': 1 },
              },
            },
            { Put: { TableName: tableName, Item: outboxItem(delivered, now) } },
          ],
        }),
      );
      return { created: true, publishedAt: null };
    } catch (error) {
      const existing = conditionFailedAt(error, 0);
      if (!existing?.item) throw error;
      const legacy = existing.item.publishedAt;
      return {
        created: false,
        publishedAt:
          typeof legacy === 'string' ? legacy : await publishedAtOf(alert.userId, alert.notificationId),
      };
    }
  };

  const publishedAtOf = async (userId: string, notificationId: string) => {
    const { Item } = await client.send(
      new GetCommand({
        TableName: tableName,
        Key: publishMarkKey(userId, notificationId),
        ConsistentRead: true,
      }),
    );
    return typeof Item?.publishedAt === 'string' ? Item.publishedAt : null;
  };

  // The mark is an item of its own, not an attribute of the inbox item: the inbox item is in both local
  // indexes with every attribute (ByTime, UnreadByTime), so updating it would write the whole item three times
  // (6 WRU for a report's 2 KB alert); the mark is one write of 1 WRU. Items written before the mark existed
  // carry `publishedAt` themselves and are read as published (above).
  const markPublished: MarkPublished = async (userId, notificationId, now) => {
    await client.send(
      new PutCommand({
        TableName: tableName,
        Item: {
          ...publishMarkKey(userId, notificationId),
          kind: 'PublishMark',
          publishedAt: now.toISOString(),
          expiresAt: Math.floor(now.getTime() / 1000) + PUBLISH_MARK_RETENTION_SECONDS,
        },
      }),
    );
  };

  const listInbox: ListInbox = async ({ userId, limit, unreadOnly, cursor }) => {
    const [index, sortAttribute] = unreadOnly ? [UNREAD_BY_TIME_INDEX, 'LSI2SK'] : [BY_TIME_INDEX, 'LSI1SK'];
    const scope = {
      partitionAttribute: 'PK',
      partition: userKey(userId),
      keyAttributes: ['PK', 'SK', sortAttribute],
    };
    const start = cursor ? decodeCursor(cursor, scope) : undefined;
    const [page, unread] = await Promise.all([
      client.send(
        new QueryCommand({
          TableName: tableName,
          IndexName: index,
          KeyConditionExpression: 'PK = :pk',
          ExpressionAttributeValues: { ':pk': userKey(userId) },
          ScanIndexForward: false,
          ConsistentRead: true,
          Limit: limit,
          ExclusiveStartKey: start,
        }),
      ),
      unreadCount(userId),
    ]);
    return {
      items: (page.Items ?? []).map(inboxItemFrom),
      ...(page.LastEvaluatedKey ? { nextCursor: encodeCursor(page.LastEvaluatedKey, scope) } : {}),
      unreadCount: unread,
    };
  };

  // Unread is exactly "still has LSI2SK", so the condition and the sparse index can never disagree.
  const transitionToRead = async (
    userId: string,
    notificationId: string,
    now: Date,
  ): Promise<'marked' | 'already-read' | 'missing'> => {
    const readAt = now.toISOString();
    try {
      await client.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Update: {
                TableName: tableName,
                Key: notificationKey(userId, notificationId),
                UpdateExpression: 'SET readAt = :readAt, expiresAt = :expiresAt REMOVE LSI2SK',
                ConditionExpression: 'attribute_exists(PK) AND attribute_exists(LSI2SK)',
                ExpressionAttributeValues: {
                  ':readAt': readAt,
                  ':expiresAt': Math.floor(now.getTime() / 1000) + READ_RETENTION_SECONDS,
                },
                ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
              },
            },
            {
              Update: {
                TableName: tableName,
                Key: counterKey(userId),
                UpdateExpression: 'ADD unread :minusOne',
                ExpressionAttributeValues: { ':minusOne': -1 },
              },
            },
          ],
        }),
      );
      return 'marked';
    } catch (error) {
      const failed = conditionFailedAt(error, 0);
      if (!failed) throw error;
      // Already read: marking it again changes nothing (idempotent). No item at all: not this user's.
      return failed.item ? 'already-read' : 'missing';
    }
  };

  const markRead: MarkRead = async (userId, notificationId, now) =>
    (await transitionToRead(userId, notificationId, now)) !== 'missing';

  const markAllRead: MarkAllRead = async (userId, now, limit) => {
    const page = await client.send(
      new QueryCommand({
        TableName: tableName,
        IndexName: UNREAD_BY_TIME_INDEX,
        KeyConditionExpression: 'PK = :pk',
        ExpressionAttributeValues: { ':pk': userKey(userId) },
        ProjectionExpression: 'notificationId',
        ConsistentRead: true,
        Limit: limit,
      }),
    );
    let marked = 0;
    // One transaction per item keeps each decrement tied to its own unread → read transition.
    for (const item of page.Items ?? []) {
      if ((await transitionToRead(userId, String(item.notificationId), now)) === 'marked') marked += 1;
    }
    return { marked, more: page.LastEvaluatedKey !== undefined };
  };

  return { saveInboxItem, markPublished, listInbox, markRead, markAllRead, unreadCount };
}
