import { createReadStream, existsSync } from 'node:fs';
import { cp, mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type {
  AttributeDefinition,
  GlobalSecondaryIndexDescription,
  KeySchemaElement,
  LocalSecondaryIndexDescription,
  TableDescription,
} from '@aws-sdk/client-dynamodb';
import { AwsApiError } from '../core/errors';
import type { DynamoDbCall } from '../dynamodb/wire';

/** A table as a snapshot keeps it: what CreateTable needs, and what a restore leaves out (stream, TTL). */
export interface SnapshotTable {
  tableName: string;
  keySchema: KeySchemaElement[];
  attributeDefinitions: AttributeDefinition[];
  globalSecondaryIndexes: { IndexName: string; KeySchema: KeySchemaElement[]; Projection: unknown }[];
  localSecondaryIndexes: { IndexName: string; KeySchema: KeySchemaElement[]; Projection: unknown }[];
  /** Metadata only: a restore does not re-create it (as on AWS), the runbook does. */
  stream?: { StreamViewType: string };
  /** Metadata only, as `stream`. */
  ttl?: { AttributeName: string };
  itemCount: number;
}

export interface SnapshotManifest {
  name: string;
  createdAt: string;
  tables: SnapshotTable[];
  /** Files copied from `<dataDir>/s3` (the local S3's objects); absent when there was no such folder. */
  s3Files?: number;
  durationMs: number;
}

export interface SnapshotSummary extends Omit<SnapshotManifest, 'tables'> {
  tables: number;
  items: number;
}

export interface RestoredTable {
  source: string;
  tableName: string;
  items: number;
}

export interface RestoreResult {
  snapshot: string;
  tables: RestoredTable[];
  durationMs: number;
  /** What the restore does not bring back, as on AWS: the runbook re-creates it. */
  notRestored: string[];
}

const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
const SUFFIX = /^[A-Za-z0-9._-]{1,64}$/;
/** BatchWriteItem's limit. */
const BATCH = 25;

type Item = Record<string, unknown>;

/**
 * Snapshots of the local cloud's data, the local stand-in for AWS Backup and point-in-time recovery: `create`
 * copies every DynamoDB Local table (items, keys, indexes; stream and TTL settings as metadata) and the local S3
 * folder into `<dataDir>/snapshots/<name>/`; `restore` creates NEW tables from one the way
 * RestoreTableToPointInTime does — same items and indexes, no stream, no TTL, no PITR — and never touches the
 * tables it was taken from. docs/local-cloud.md#snapshots, docs/runbooks/restore-table.md.
 *
 * @example const snapshots = new LocalSnapshots(dynamoDbCall(endpoint), '.local-cloud');
 * await snapshots.create('before'); await snapshots.restore('before', { tables: ['spendwise-dev-expenses'] });
 */
export class LocalSnapshots {
  constructor(
    private readonly call: DynamoDbCall,
    private readonly dataDir: string,
    private readonly log: (line: string) => void = () => {},
  ) {}

  private get root(): string {
    return join(this.dataDir, 'snapshots');
  }

  /** Every snapshot, oldest first. */
  async list(): Promise<SnapshotSummary[]> {
    if (!existsSync(this.root)) return [];
    const names = await readdir(this.root);
    const manifests = await Promise.all(
      names.filter((name) => NAME.test(name)).map((name) => this.readManifest(name).catch(() => undefined)),
    );
    return manifests
      .filter((m): m is SnapshotManifest => m !== undefined)
      .sort((a, b) => a.createdAt.localeCompare(b.createdAt))
      .map(({ tables, ...rest }) => ({ ...rest, tables: tables.length, items: sum(tables) }));
  }

  async describe(name: string): Promise<SnapshotManifest> {
    checkName(name);
    return this.readManifest(name);
  }

  /**
   * Copies every table and the local S3 folder. Written to a temporary folder renamed at the end, so a snapshot
   * is there whole or not at all. Each table is one Scan: take it when the system is settled for a consistent cut.
   */
  async create(name = defaultName()): Promise<SnapshotManifest> {
    checkName(name);
    const dir = join(this.root, name);
    if (existsSync(dir)) throw new AwsApiError(409, 'SnapshotExists', `Snapshot ${name} already exists`);
    const started = performance.now();
    const temp = join(this.root, `.${name}.${process.pid}.tmp`);
    await rm(temp, { recursive: true, force: true });
    await mkdir(join(temp, 'tables'), { recursive: true });
    try {
      const tables: SnapshotTable[] = [];
      for (const tableName of await this.tableNames()) {
        const table = await this.copyTable(tableName, join(temp, 'tables', `${tableName}.jsonl`));
        tables.push(table);
        this.log(`snapshot ${name}: ${tableName} (${table.itemCount} items)`);
      }
      const s3Files = await this.copyS3(join(temp, 's3'));
      const manifest: SnapshotManifest = {
        name,
        createdAt: new Date().toISOString(),
        tables,
        ...(s3Files === undefined ? {} : { s3Files }),
        durationMs: Math.round(performance.now() - started),
      };
      await writeFile(join(temp, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
      await rename(temp, dir);
      return manifest;
    } catch (error) {
      await rm(temp, { recursive: true, force: true });
      throw error;
    }
  }

  /**
   * Creates `<table>-restored-<suffix>` for each table of the snapshot (or those named in `tables`), with its
   * items, key schema and indexes only. Refuses (409) before creating anything when one of them exists already.
   */
  async restore(name: string, options: { suffix?: string; tables?: string[] } = {}): Promise<RestoreResult> {
    const manifest = await this.describe(name);
    const suffix = options.suffix ?? defaultName();
    if (!SUFFIX.test(suffix))
      throw new AwsApiError(
        400,
        'InvalidSuffix',
        `The suffix must be 1-64 of A-Z a-z 0-9 . _ -, not "${suffix}"`,
      );
    const unknown = (options.tables ?? []).filter((t) => !manifest.tables.some((m) => m.tableName === t));
    if (unknown.length > 0)
      throw new AwsApiError(404, 'TableNotInSnapshot', `Snapshot ${name} has no table ${unknown.join(', ')}`);
    const chosen = manifest.tables.filter(
      (t) => !options.tables?.length || options.tables.includes(t.tableName),
    );
    const targets = chosen.map((table) => ({ table, target: restoredName(table.tableName, suffix) }));
    const existing = await this.tableNames();
    const taken = targets.filter(({ target }) => existing.includes(target)).map(({ target }) => target);
    if (taken.length > 0)
      throw new AwsApiError(
        409,
        'TableAlreadyExists',
        `Table ${taken.join(', ')} already exists; choose another suffix`,
      );
    const tooLong = targets.filter(({ target }) => target.length > 255).map(({ target }) => target);
    if (tooLong.length > 0) throw new AwsApiError(400, 'InvalidSuffix', `Table name too long: ${tooLong[0]}`);

    const started = performance.now();
    const restored: RestoredTable[] = [];
    for (const { table, target } of targets) {
      await this.call('CreateTable', createInput(table, target));
      const items = await this.loadItems(target, join(this.root, name, 'tables', `${table.tableName}.jsonl`));
      restored.push({ source: table.tableName, tableName: target, items });
      this.log(`restored ${table.tableName} from ${name} into ${target} (${items} items)`);
    }
    return {
      snapshot: name,
      tables: restored,
      durationMs: Math.round(performance.now() - started),
      notRestored: ['stream', 'TTL', 'point-in-time recovery', 'tags', 'alarms', 'event source mappings'],
    };
  }

  private async readManifest(name: string): Promise<SnapshotManifest> {
    const file = join(this.root, name, 'manifest.json');
    if (!existsSync(file)) throw new AwsApiError(404, 'SnapshotNotFound', `No snapshot named ${name}`);
    return JSON.parse(await readFile(file, 'utf8')) as SnapshotManifest;
  }

  private async tableNames(): Promise<string[]> {
    const names: string[] = [];
    let start: string | undefined;
    do {
      const page = await this.call<{ TableNames: string[]; LastEvaluatedTableName?: string }>('ListTables', {
        ...(start ? { ExclusiveStartTableName: start } : {}),
      });
      names.push(...page.TableNames);
      start = page.LastEvaluatedTableName;
    } while (start);
    return names;
  }

  private async copyTable(tableName: string, file: string): Promise<SnapshotTable> {
    const { Table } = await this.call<{ Table: TableDescription }>('DescribeTable', { TableName: tableName });
    const ttl = await this.call<{
      TimeToLiveDescription?: { TimeToLiveStatus?: string; AttributeName?: string };
    }>('DescribeTimeToLive', { TableName: tableName }).catch(
      () => ({}) as { TimeToLiveDescription?: undefined },
    );
    const lines: string[] = [];
    let start: Item | undefined;
    do {
      const page = await this.call<{ Items: Item[]; LastEvaluatedKey?: Item }>('Scan', {
        TableName: tableName,
        ConsistentRead: true,
        ...(start ? { ExclusiveStartKey: start } : {}),
      });
      for (const item of page.Items) lines.push(JSON.stringify(item));
      start = page.LastEvaluatedKey;
    } while (start);
    await writeFile(file, lines.length > 0 ? `${lines.join('\n')}\n` : '');
    const index = (i: GlobalSecondaryIndexDescription | LocalSecondaryIndexDescription) => ({
      IndexName: i.IndexName as string,
      KeySchema: i.KeySchema as KeySchemaElement[],
      Projection: i.Projection,
    });
    const ttlDescription = ttl.TimeToLiveDescription;
    return {
      tableName,
      keySchema: Table.KeySchema ?? [],
      attributeDefinitions: Table.AttributeDefinitions ?? [],
      globalSecondaryIndexes: (Table.GlobalSecondaryIndexes ?? []).map(index),
      localSecondaryIndexes: (Table.LocalSecondaryIndexes ?? []).map(index),
      ...(Table.StreamSpecification?.StreamEnabled && Table.StreamSpecification.StreamViewType
        ? { stream: { StreamViewType: Table.StreamSpecification.StreamViewType } }
        : {}),
      ...(ttlDescription?.TimeToLiveStatus === 'ENABLED' && ttlDescription.AttributeName
        ? { ttl: { AttributeName: ttlDescription.AttributeName } }
        : {}),
      itemCount: lines.length,
    };
  }

  private async copyS3(target: string): Promise<number | undefined> {
    const source = join(this.dataDir, 's3');
    if (!existsSync(source)) {
      this.log(`no local S3 folder (${source}): receipts skipped`);
      return undefined;
    }
    await cp(source, target, { recursive: true });
    return countFiles(target);
  }

  private async loadItems(tableName: string, file: string): Promise<number> {
    let batch: Item[] = [];
    let count = 0;
    const flush = async () => {
      let requests = batch.map((Item) => ({ PutRequest: { Item } }));
      batch = [];
      for (let attempt = 0; requests.length > 0; attempt += 1) {
        if (attempt > 10) throw new Error(`BatchWriteItem into ${tableName} kept leaving items unprocessed`);
        const answer = await this.call<{ UnprocessedItems?: Record<string, typeof requests> }>(
          'BatchWriteItem',
          {
            RequestItems: { [tableName]: requests },
          },
        );
        requests = answer.UnprocessedItems?.[tableName] ?? [];
      }
    };
    const lines = createInterface({ input: createReadStream(file), crlfDelay: Number.POSITIVE_INFINITY });
    for await (const line of lines) {
      if (!line) continue;
      batch.push(JSON.parse(line) as Item);
      count += 1;
      if (batch.length === BATCH) await flush();
    }
    if (batch.length > 0) await flush();
    return count;
  }
}

/** `spendwise-dev-expenses` + `20261206-120000` → `spendwise-dev-expenses-restored-20261206-120000`. */
export const restoredName = (tableName: string, suffix: string): string => `${tableName}-restored-${suffix}`;

/** The CreateTable request of a restore: keys and indexes, on demand; no stream, no TTL (as on AWS). */
export function createInput(table: SnapshotTable, tableName: string): Record<string, unknown> {
  return {
    TableName: tableName,
    KeySchema: table.keySchema,
    AttributeDefinitions: table.attributeDefinitions,
    BillingMode: 'PAY_PER_REQUEST',
    ...(table.globalSecondaryIndexes.length > 0
      ? { GlobalSecondaryIndexes: table.globalSecondaryIndexes }
      : {}),
    ...(table.localSecondaryIndexes.length > 0 ? { LocalSecondaryIndexes: table.localSecondaryIndexes } : {}),
  };
}

function checkName(name: string): void {
  if (!NAME.test(name))
    throw new AwsApiError(
      400,
      'InvalidSnapshotName',
      `A snapshot name is 1-64 of A-Z a-z 0-9 . _ - (starting with a letter or digit), not "${name}"`,
    );
}

/** `20261206-120102`: sortable, and valid in table names. */
export function defaultName(now = new Date()): string {
  return now.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
}

const sum = (tables: SnapshotTable[]) => tables.reduce((total, t) => total + t.itemCount, 0);

async function countFiles(dir: string): Promise<number> {
  let count = 0;
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) count += await countFiles(path);
    else if ((await stat(path)).isFile()) count += 1;
  }
  return count;
}
