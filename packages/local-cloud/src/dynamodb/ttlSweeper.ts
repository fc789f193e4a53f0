import type { KeySchemaElement } from '@aws-sdk/client-dynamodb';
import type { TtlDeletions } from './ttlDeletions';
import { type DynamoDbCall, DynamoDbLocalError } from './wire';

/** DynamoDB ignores TTL values more than five years in the past. */
const FIVE_YEARS_SECONDS = 5 * 365 * 24 * 3600;

type Item = Record<string, unknown>;

export interface TtlSweeperOptions {
  /** Seconds between background steps (each reads one bounded page of every TTL table). */
  intervalSeconds: number;
  /** Items a background step reads per table (default 100): one Scan page, resuming where the last one stopped. */
  pageSize?: number;
  /**
   * About how many items one parallel-scan segment of a table should hold (default 2,000; see `SegmentedCursor`;
   * a segment cannot split a partition, so one user's items stay in one segment whatever their number).
   * DynamoDB Local answers a Scan page from an `ExclusiveStartKey` by walking its segment from the beginning, so
   * a page costs in proportion to how far into the segment it starts.
   */
  segmentItems?: number;
  /** How long the list of tables with TTL enabled is reused before it is read again (default 60 s). */
  tablesRefreshMs?: number;
  log?: (message: string) => void;
  /** The clock, in epoch seconds (tests move it). */
  now?: () => number;
}

/** The most segments a Scan takes (DynamoDB's limit on `TotalSegments`). */
const MAX_SEGMENTS = 1_000_000;

/**
 * Where a table's background sweep stands: which of how many parallel-scan segments, and where in it.
 *
 * DynamoDB Local answers a Scan page that starts from an `ExclusiveStartKey` by walking its SQLite table (or the
 * segment's part of it) from the beginning up to that key: measured on a 422k-item expenses table, a page of 100
 * took ~50 ms near the start and ~1.8 s 300k items in. Paging through a large table one page a second kept its
 * only database thread busy all the time (the seeding of `bench:table-growth` slowed from 500/s to 125/s by 400k
 * items). Within a segment the walk is as long as the segment, so the sweep splits each table into segments of
 * about `segmentItems`: a pass sizes the next one from the items it scanned, and a segment found far larger than
 * that (a table that grew) starts the pass again, once, finer. Items read twice by a restarted pass
 * are harmless: a deletion is conditional on the expired value.
 */
interface SegmentedCursor {
  segments: number;
  segment: number;
  start?: Item;
  /** Pages read in the current segment. */
  pages: number;
  /** Items scanned so far in this pass. */
  scanned: number;
  /** Whether this pass was already started again, finer (at most once per pass). */
  split?: boolean;
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
 * where the previous step stopped and starting over at the end, in parallel-scan segments small enough that no
 * page is expensive (`SegmentedCursor`). Full scans of every table on every pass kept
 * DynamoDB Local's only database thread busy (94–100 % CPU with no traffic at ~30k items) and made every
 * request and stream read queue behind them. `sweepOnce` still sweeps whole tables, for tests and tools.
 */
export class TtlSweeper {
  private timer: NodeJS.Timeout | undefined;
  private sweeping: Promise<number> | undefined;
  /** Where the next background step resumes, per table (absent: from the start, in one segment). */
  private readonly cursors = new Map<string, SegmentedCursor>();
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
        deleted += await this.stepTable(table);
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

  /** One page of `table`'s current segment; moves its cursor on (next page, next segment, or a new pass). */
  private async stepTable(table: TtlTable): Promise<number> {
    const pageSize = this.options.pageSize ?? 100;
    const segmentItems = this.options.segmentItems ?? 2000;
    const cursor = this.cursors.get(table.name) ?? { segments: 1, segment: 0, pages: 0, scanned: 0 };
    const page = await this.sweepPage(table, cursor.start, pageSize, cursor);
    cursor.pages += 1;
    cursor.scanned += page.scanned;
    cursor.start = page.next;
    if (page.next && !cursor.split && cursor.pages * pageSize > 4 * segmentItems) {
      // This segment alone is over four times the target: the table grew. Start the pass again, once, with as
      // many segments as a table of this segment's size times their number needs.
      const estimate = cursor.pages * pageSize * cursor.segments;
      const segments = Math.min(MAX_SEGMENTS, Math.ceil(estimate / segmentItems));
      this.cursors.set(table.name, { segments, segment: 0, pages: 0, scanned: 0, split: true });
    } else if (page.next) {
      this.cursors.set(table.name, cursor);
    } else if (cursor.segment + 1 < cursor.segments) {
      this.cursors.set(table.name, { ...cursor, segment: cursor.segment + 1, pages: 0, start: undefined });
    } else {
      // The pass is over: the next one is sized by what this one scanned.
      const segments = Math.min(MAX_SEGMENTS, Math.max(1, Math.ceil(cursor.scanned / segmentItems)));
      this.cursors.set(table.name, { segments, segment: 0, pages: 0, scanned: 0 });
    }
    return page.deleted;
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

  /**
   * Reads one Scan page from `start` (of one segment, when `segment` is given) and deletes its expired items;
   * `next` is where the following page starts.
   */
  private async sweepPage(
    table: TtlTable,
    start: Item | undefined,
    limit?: number,
    segment?: { segment: number; segments: number },
  ): Promise<{ deleted: number; scanned: number; next: Item | undefined }> {
    const now = Math.floor(this.options.now?.() ?? Date.now() / 1000);
    const page: { Items?: Item[]; ScannedCount?: number; LastEvaluatedKey?: Item } = await this.call('Scan', {
      TableName: table.name,
      FilterExpression: '#ttl < :now AND #ttl > :floor',
      ExpressionAttributeNames: { '#ttl': table.attribute },
      ExpressionAttributeValues: {
        ':now': { N: String(now) },
        ':floor': { N: String(now - FIVE_YEARS_SECONDS) },
      },
      ...(limit ? { Limit: limit } : {}),
      ...(start ? { ExclusiveStartKey: start } : {}),
      ...(segment && segment.segments > 1
        ? { Segment: segment.segment, TotalSegments: segment.segments }
        : {}),
    });
    let deleted = 0;
    for (const item of page.Items ?? []) {
      if (await this.deleteIfStillExpired(table.name, table.attribute, item, table.keyNames)) deleted += 1;
    }
    return { deleted, scanned: page.ScannedCount ?? 0, next: page.LastEvaluatedKey };
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
