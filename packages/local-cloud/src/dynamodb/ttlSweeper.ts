import type { KeySchemaElement } from '@aws-sdk/client-dynamodb';
import type { TtlDeletions } from './ttlDeletions';
import { type DynamoDbCall, DynamoDbLocalError } from './wire';

/** DynamoDB ignores TTL values more than five years in the past. */
const FIVE_YEARS_SECONDS = 5 * 365 * 24 * 3600;

type Item = Record<string, unknown>;

export interface TtlSweeperOptions {
  /** Seconds between background steps (each reads one bounded page of every TTL table). */
  intervalSeconds: number;
  /**
   * Items a background step reads per table (default 100). A step is one Scan page that resumes where the last
   * one stopped, so a table of any size costs DynamoDB Local's single database thread the same few
   * milliseconds per step instead of a full scan; a table is covered every `items / pageSize` steps.
   */
  pageSize?: number;
  /** How long the list of tables with TTL enabled is reused before it is read again (default 60 s). */
  tablesRefreshMs?: number;
  log?: (message: string) => void;
  /** The clock, in epoch seconds (tests move it). */
  now?: () => number;
}

interface TtlTable {
  name: string;
  attribute: string;
  keyNames: string[];
}

/**
 * Deletes expired items with the DynamoDB service's identity on their REMOVE stream records: items whose TTL
 * attribute (a Number, epoch seconds) is in the past are deleted — only if the value is still the expired one.
 * `TtlDeletions` lets the stream poller mark those REMOVEs with the `userIdentity` real TTL deletions carry.
 *
 * In the background it works incrementally, as DynamoDB's TTL does (which deletes "within a few days", not at
 * the second): every `intervalSeconds` it reads one page of `pageSize` items of each TTL table, resuming from
 * where the previous step stopped and starting over at the end. Full scans of every table on every pass kept
 * DynamoDB Local's only database thread busy (94–100 % CPU with no traffic at ~30k items) and made every
 * request and stream read queue behind them. `sweepOnce` still sweeps whole tables, for tests and tools.
 */
export class TtlSweeper {
  private timer: NodeJS.Timeout | undefined;
  private sweeping: Promise<number> | undefined;
  /** Where the next background step resumes, per table (absent: from the start). */
  private readonly cursors = new Map<string, Item>();
  private tables: { list: TtlTable[]; readAt: number } | undefined;
  /**
   * Key attribute names per table, read once: DynamoDB Local's DescribeTable sums the size of every item of the
   * table and of each index (full scans, ~3 s at 56k expenses) on its one database thread, so re-reading the key
   * schema with every refresh of the table list stalled every request once a minute as the tables grew.
   */
  private readonly keyNames = new Map<string, string[]>();

  constructor(
    private readonly call: DynamoDbCall,
    private readonly deletions: TtlDeletions,
    private readonly options: TtlSweeperOptions,
  ) {}

  start(): void {
    this.timer ??= setInterval(() => {
      this.sweeping ??= this.step()
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

  /**
   * One background step: one page of every table with TTL enabled (or of those in `only`), from where the last
   * step stopped; returns how many items were deleted.
   */
  async step(only?: readonly string[]): Promise<number> {
    const refreshMs = this.options.tablesRefreshMs ?? 60_000;
    if (!this.tables || Date.now() - this.tables.readAt > refreshMs)
      this.tables = { list: await this.ttlTables(await this.tableNames()), readAt: Date.now() };
    let deleted = 0;
    for (const table of this.tables.list.filter((t) => !only || only.includes(t.name))) {
      try {
        const page = await this.sweepPage(table, this.cursors.get(table.name), this.options.pageSize ?? 100);
        deleted += page.deleted;
        if (page.next) this.cursors.set(table.name, page.next);
        else this.cursors.delete(table.name);
      } catch (error) {
        // A table deleted (or created again under its name with other keys) since the list was read: read the
        // list and its keys again next step.
        if (
          error instanceof DynamoDbLocalError &&
          (error.code === 'ResourceNotFoundException' || error.code === 'ValidationException')
        ) {
          this.tables = undefined;
          this.cursors.delete(table.name);
          this.keyNames.delete(table.name);
          continue;
        }
        throw error;
      }
    }
    if (deleted > 0) this.options.log?.(`TTL sweeper deleted ${deleted} expired item(s)`);
    return deleted;
  }

  /** One pass over the whole of every table (or only `only`); returns how many items were deleted. */
  async sweepOnce(only?: readonly string[]): Promise<number> {
    let deleted = 0;
    for (const table of await this.ttlTables(only ?? (await this.tableNames()))) {
      let start: Item | undefined;
      do {
        const page = await this.sweepPage(table, start);
        deleted += page.deleted;
        start = page.next;
      } while (start);
    }
    if (deleted > 0) this.options.log?.(`TTL sweeper deleted ${deleted} expired item(s)`);
    return deleted;
  }

  /** The tables among `names` with TTL enabled, with their TTL attribute and key attributes. */
  private async ttlTables(names: readonly string[]): Promise<TtlTable[]> {
    const tables: TtlTable[] = [];
    for (const name of names) {
      const { TimeToLiveDescription: ttl } = await this.call<{
        TimeToLiveDescription?: { TimeToLiveStatus?: string; AttributeName?: string };
      }>('DescribeTimeToLive', { TableName: name });
      if (ttl?.TimeToLiveStatus !== 'ENABLED' || !ttl.AttributeName) continue;
      tables.push({ name, attribute: ttl.AttributeName, keyNames: await this.keyNamesOf(name) });
    }
    return tables;
  }

  private async keyNamesOf(name: string): Promise<string[]> {
    const known = this.keyNames.get(name);
    if (known) return known;
    const { Table } = await this.call<{ Table: { KeySchema: KeySchemaElement[] } }>('DescribeTable', {
      TableName: name,
    });
    const keyNames = Table.KeySchema.map((key) => key.AttributeName as string);
    this.keyNames.set(name, keyNames);
    return keyNames;
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

  /** Reads one Scan page from `start` and deletes its expired items; `next` is where the following page starts. */
  private async sweepPage(
    table: TtlTable,
    start: Item | undefined,
    limit?: number,
  ): Promise<{ deleted: number; next: Item | undefined }> {
    const now = Math.floor(this.options.now?.() ?? Date.now() / 1000);
    const page: { Items?: Item[]; LastEvaluatedKey?: Item } = await this.call('Scan', {
      TableName: table.name,
      FilterExpression: '#ttl < :now AND #ttl > :floor',
      ExpressionAttributeNames: { '#ttl': table.attribute },
      ExpressionAttributeValues: {
        ':now': { N: String(now) },
        ':floor': { N: String(now - FIVE_YEARS_SECONDS) },
      },
      ...(limit ? { Limit: limit } : {}),
      ...(start ? { ExclusiveStartKey: start } : {}),
    });
    let deleted = 0;
    for (const item of page.Items ?? []) {
      if (await this.deleteIfStillExpired(table.name, table.attribute, item, table.keyNames)) deleted += 1;
    }
    return { deleted, next: page.LastEvaluatedKey };
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
