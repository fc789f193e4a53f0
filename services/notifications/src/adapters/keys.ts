import { createHash } from 'node:crypto';
import type { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';

// Single-table key design (docs/notifications-data-model.md); `kind` names the item type (`type` is the alert type):
//   inbox item    PK USER#<user>        SK NOTIFICATION#<id>   ByTime: LSI1SK <occurredAt>#<id>
//                                                              UnreadByTime: LSI2SK (same value, only while unread)
//   publish mark  PK USER#<user>        SK PUBLISHED#<id>      publishedAt, expiresAt (TTL); in no index
//   unread count  PK USER#<user>        SK INBOX               unread (number)
//   preferences   PK USER#<user>        SK PREFERENCES
//   e-mail claim  PK EMAIL#<sha256>     SK EMAIL               ownerId
//   ops marker    PK OPS#<cause key>    SK OPS                 alertId, expiresAt (TTL)

export const userKey = (userId: string) => `USER#${userId}`;

export const BY_TIME_INDEX = 'ByTime';
export const UNREAD_BY_TIME_INDEX = 'UnreadByTime';

export const notificationKey = (userId: string, notificationId: string) => ({
  PK: userKey(userId),
  SK: `NOTIFICATION#${notificationId}`,
});

/** The mark that an inbox item's alert reached the user-alerts topic (deliverAlert). */
export const publishMarkKey = (userId: string, notificationId: string) => ({
  PK: userKey(userId),
  SK: `PUBLISHED#${notificationId}`,
});

export const counterKey = (userId: string) => ({ PK: userKey(userId), SK: 'INBOX' });

export const preferencesKey = (userId: string) => ({ PK: userKey(userId), SK: 'PREFERENCES' });

/** Addresses are hashed so that the key does not spread them (the preferences item holds the address). */
export const emailClaimKey = (normalisedEmail: string) => ({
  PK: `EMAIL#${createHash('sha256').update(normalisedEmail).digest('hex')}`,
  SK: 'EMAIL',
});

export const opsMarkerKey = (causeKey: string) => ({ PK: `OPS#${causeKey}`, SK: 'OPS' });

/** The ByTime / UnreadByTime sort key: ISO timestamps sort as strings; the id breaks ties. */
export const timeSortKey = (occurredAt: string, notificationId: string) => `${occurredAt}#${notificationId}`;

const KEY_ATTRIBUTES = new Set(['PK', 'SK', 'LSI1SK', 'LSI2SK', 'kind', 'expiresAt']);

/** Strips table keys from a stored item. */
export function fromItem<T>(item: Record<string, unknown>): T {
  return Object.fromEntries(Object.entries(item).filter(([name]) => !KEY_ATTRIBUTES.has(name))) as T;
}

/**
 * The item of a cancelled transaction at `index` that failed its condition, with the old item when DynamoDB
 * returned it; undefined when that item is not why the transaction was cancelled.
 */
export function conditionFailedAt(
  error: unknown,
  index: number,
): { item?: Record<string, unknown> } | undefined {
  // Matched by name: the SDK's error classes are not shared across bundles, so instanceof is unreliable.
  if ((error as Error | undefined)?.name !== 'TransactionCanceledException') return undefined;
  const reason = (error as TransactionCanceledException).CancellationReasons?.[index];
  if (reason?.Code !== 'ConditionalCheckFailed') return undefined;
  return reason.Item ? { item: unmarshall(reason.Item) } : {};
}
