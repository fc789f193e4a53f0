import type { KeySchemaElement } from '@aws-sdk/client-dynamodb';
import type { TtlDeletions } from './ttlDeletions';
import { type DynamoDbCall, DynamoDbLocalError } from './wire';

/** DynamoDB ignores TTL values more than five years in the past. */
const FIVE_YEARS_SECONDS = 5 * 365 * 24 * 3600;

type Item = Record<string, unknown>;

export interface TtlSweeperOptions {
  /** Seconds between sweeps. */
  intervalSeconds: number;
  log?: (message: string) => void;
  /** The clock, in epoch seconds (tests move it). */
  now?: () => number;
}

/**
 * Deletes expired items, which DynamoDB Local never does: every `intervalSeconds`, each table with TTL
 * enabled is scanned for items whose TTL attribute (a Number, epoch seconds) is in the past, and those are
 * deleted — only if the value is still the expired one. The deletions reach the stream as REMOVE records;
 * `TtlDeletions` lets the stream poller mark them with the DynamoDB service's `userIdentity`.
 */
export class TtlSweeper {
  private timer: NodeJS.Timeout | undefined;
  private sweeping: Promise<number> | undefined;

  constructor(
    private readonly call: DynamoDbCall,
    private readonly deletions: TtlDeletions,
    private readonly options: TtlSweeperOptions,
  ) {}

  start(): void {
    this.timer ??= setInterval(() => {
      this.sweeping ??= this.sweepOnce()
        .catch((error: unknown) => {
          this.options.log?.(`TTL sweep failed: ${(error as Error).message}`);
          return 0;
        })
        .finally(() => {
          this.sweeping = undefined;
        });
    }, this.options.intervalSeconds * 1000);
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.sweeping;
  }

  /** One pass over every table (or only `only`); returns how many items were deleted. */
  async sweepOnce(only?: readonly string[]): Promise<number> {
    let deleted = 0;
    for (const table of only ?? (await this.tableNames())) {
      const { TimeToLiveDescription: ttl } = await this.call<{
        TimeToLiveDescription?: { TimeToLiveStatus?: string; AttributeName?: string };
      }>('DescribeTimeToLive', { TableName: table });
      if (ttl?.TimeToLiveStatus === 'ENABLED' && ttl.AttributeName)
        deleted += await this.sweepTable(table, ttl.AttributeName);
    }
    if (deleted > 0) this.options.log?.(`TTL sweeper deleted ${deleted} expired item(s)`);
    return deleted;
  }

  private async tableNames(): Promise<string[]> {
    const names: string[] = [];
    let start: string | undefined;
    do {
      const page = await this.call<{ TableNames?: string[]; LastEvaluatedTableName?: string }>(
        'ListTables',
        start ? { ExclusiveStartTableName: start } : {},
      );
      names.push(...(page.TableNames ?? []));
      start = page.LastEvaluatedTableName;
    } while (start);
    return names;
  }

  private async sweepTable(table: string, attribute: string): Promise<number> {
    const { Table } = await this.call<{ Table: { KeySchema: KeySchemaElement[] } }>('DescribeTable', {
      TableName: table,
    });
    const keyNames = Table.KeySchema.map((key) => key.AttributeName as string);
    const now = Math.floor(this.options.now?.() ?? Date.now() / 1000);
    let deleted = 0;
    let start: Item | undefined;
    do {
      const page: { Items?: Item[]; LastEvaluatedKey?: Item } = await this.call('Scan', {
        TableName: table,
        FilterExpression: '#ttl < :now AND #ttl > :floor',
        ExpressionAttributeNames: { '#ttl': attribute },
        ExpressionAttributeValues: {
          ':now': { N: String(now) },
          ':floor': { N: String(now - FIVE_YEARS_SECONDS) },
        },
        ...(start ? { ExclusiveStartKey: start } : {}),
      });
      for (const item of page.Items ?? []) {
        if (await this.deleteIfStillExpired(table, attribute, item, keyNames)) deleted += 1;
      }
      start = page.LastEvaluatedKey;
    } while (start);
    return deleted;
  }

  private async deleteIfStillExpired(
    table: string,
    attribute: string,
    item: Item,
    keyNames: string[],
  ): Promise<boolean> {
    const key = Object.fromEntries(keyNames.map((name) => [name, item[name]]));
    this.deletions.mark(table, key);
    try {
      await this.call('DeleteItem', {
        TableName: table,
        Key: key,
        ConditionExpression: '#ttl = :expired',
        ExpressionAttributeNames: { '#ttl': attribute },
        ExpressionAttributeValues: { ':expired': item[attribute] },
      });
      return true;
    } catch (error) {
      this.deletions.take(table, key);
      if (error instanceof DynamoDbLocalError && error.code === 'ConditionalCheckFailedException')
        return false;
      throw error;
    }
  }
}
