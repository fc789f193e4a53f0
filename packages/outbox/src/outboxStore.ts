import {
  BatchGetCommand,
  type BatchGetCommandOutput,
  BatchWriteCommand,
  type BatchWriteCommandOutput,
  type DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';
import { outboxKey } from './keys';
import type { DrainOutbox, FindPendingOutbox } from './ports';

const MAX_ATTEMPTS = 6;

const chunk = <T>(items: T[], size: number): T[][] =>
  Array.from({ length: Math.ceil(items.length / size) }, (_, i) => items.slice(i * size, i * size + size));

const backoff = (attempt: number) => new Promise((resolve) => setTimeout(resolve, 25 * 2 ** attempt));

/** DynamoDB adapters the outbox relay uses to skip already-relayed records and to drain relayed ones. */
export function buildOutboxStore(client: DynamoDBDocumentClient, config: { tableName: string }) {
  const { tableName } = config;

  const findPendingOutbox: FindPendingOutbox = async (eventIds) => {
    const pending = new Set<string>();
    for (const ids of chunk(eventIds, 100)) {
      let keys: Record<string, unknown>[] | undefined = ids.map(outboxKey);
      for (let attempt = 0; keys?.length; attempt += 1) {
        if (attempt >= MAX_ATTEMPTS) throw new Error('DynamoDB left outbox reads unprocessed after retries');
        if (attempt > 0) await backoff(attempt);
        const result: BatchGetCommandOutput = await client.send(
          new BatchGetCommand({
            RequestItems: {
              [tableName]: { Keys: keys, ConsistentRead: true, ProjectionExpression: 'eventId' },
            },
          }),
        );
        for (const item of result.Responses?.[tableName] ?? []) pending.add(item.eventId as string);
        keys = result.UnprocessedKeys?.[tableName]?.Keys;
      }
    }
    return pending;
  };

  const drainOutbox: DrainOutbox = async (eventIds) => {
    for (const ids of chunk(eventIds, 25)) {
      let requests = ids.map((id) => ({ DeleteRequest: { Key: outboxKey(id) } })) as unknown[] | undefined;
      for (let attempt = 0; requests?.length; attempt += 1) {
        if (attempt >= MAX_ATTEMPTS)
          throw new Error('DynamoDB left outbox deletes unprocessed after retries');
        if (attempt > 0) await backoff(attempt);
        const result: BatchWriteCommandOutput = await client.send(
          new BatchWriteCommand({
            RequestItems: { [tableName]: requests as { DeleteRequest: { Key: Record<string, unknown> } }[] },
          }),
        );
        requests = result.UnprocessedItems?.[tableName];
      }
    }
  };

  return { findPendingOutbox, drainOutbox };
}
