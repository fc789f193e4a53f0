import {
  BatchGetCommand,
  type BatchGetCommandOutput,
  DeleteCommand,
  type DynamoDBDocumentClient,
  QueryCommand,
} from '@aws-sdk/lib-dynamodb';
import { OUTBOX_INDEX, outboxShards } from './keys';

/** An outbox record as the outbox index lists it: its table key and when it was written. */
export interface OutboxIndexEntry {
  PK: string;
  SK: string;
  outboxAt: string;
}

/** What deleting a republished record found: it was deleted, or it was already gone (the relay drained it). */
export type DeleteOutcome = 'deleted' | 'already-drained';

const PAGE = 25;

/**
 * Reads of the sparse outbox index (keys.ts) and the record-level operations the redrive needs: full records
 * read back strongly consistent, and conditional deletes.
 */
export function buildOutboxIndex(client: DynamoDBDocumentClient, config: { tableName: string }) {
  const { tableName } = config;

  /** Pages of the outbox records written before `cutoff`, oldest first within each shard. */
  async function* writtenBefore(cutoff: Date): AsyncGenerator<OutboxIndexEntry[]> {
    for (const shard of outboxShards()) {
      let start: Record<string, unknown> | undefined;
      do {
        const page = await client.send(
          new QueryCommand({
            TableName: tableName,
            IndexName: OUTBOX_INDEX,
            KeyConditionExpression: 'outboxShard = :shard AND outboxAt < :cutoff',
            ExpressionAttributeValues: { ':shard': shard, ':cutoff': cutoff.toISOString() },
            Limit: PAGE,
            ExclusiveStartKey: start,
          }),
        );
        const entries = (page.Items ?? []) as OutboxIndexEntry[];
        if (entries.length > 0) yield entries;
        start = page.LastEvaluatedKey;
      } while (start);
    }
  }

  /** When the oldest outbox record still in the table was written; undefined when the outbox is empty. */
  async function oldestWrittenAt(): Promise<Date | undefined> {
    const firsts = await Promise.all(
      outboxShards().map(async (shard) => {
        const page = await client.send(
          new QueryCommand({
            TableName: tableName,
            IndexName: OUTBOX_INDEX,
            KeyConditionExpression: 'outboxShard = :shard',
            ExpressionAttributeValues: { ':shard': shard },
            ScanIndexForward: true,
            Limit: 1,
          }),
        );
        return page.Items?.[0]?.outboxAt as string | undefined;
      }),
    );
    const oldest = firsts.filter((at): at is string => at !== undefined).sort()[0];
    return oldest === undefined ? undefined : new Date(oldest);
  }

  /**
   * The full records of the given index entries still in the table, read strongly consistent (the index is
   * eventually consistent: an entry may name a record the relay has just drained).
   */
  async function loadRecords(entries: OutboxIndexEntry[]): Promise<Record<string, unknown>[]> {
    const records: Record<string, unknown>[] = [];
    let keys: Record<string, unknown>[] | undefined = entries.map(({ PK, SK }) => ({ PK, SK }));
    for (let attempt = 0; keys?.length; attempt++) {
      if (attempt >= 6) throw new Error('DynamoDB left outbox reads unprocessed after retries');
      if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, 25 * 2 ** attempt));
      const result: BatchGetCommandOutput = await client.send(
        new BatchGetCommand({ RequestItems: { [tableName]: { Keys: keys, ConsistentRead: true } } }),
      );
      records.push(...(result.Responses?.[tableName] ?? []));
      keys = result.UnprocessedKeys?.[tableName]?.Keys;
    }
    return records;
  }

  /**
   * Deletes a republished record only if it is still there. A record the relay (or another redrive) drained in
   * the meantime is not an error: its event is on the bus either way.
   */
  async function deleteRepublished(key: { PK: string; SK: string }): Promise<DeleteOutcome> {
    try {
      await client.send(
        new DeleteCommand({ TableName: tableName, Key: key, ConditionExpression: 'attribute_exists(PK)' }),
      );
      return 'deleted';
    } catch (error) {
      if ((error as Error).name === 'ConditionalCheckFailedException') return 'already-drained';
      throw error;
    }
  }

  return { writtenBefore, oldestWrittenAt, loadRecords, deleteRepublished };
}

export type OutboxIndex = ReturnType<typeof buildOutboxIndex>;
