/**
 * Opt-in measurement of the capacity units DynamoDB calls consume (for the cost model, `pnpm bench:cost`).
 * While a meter is attached to the proxy (`DynamoDbApi.measure`), every call that can report its consumption is
 * forwarded with `ReturnConsumedCapacity: INDEXES`, and what DynamoDB Local answers (units per table, per global
 * and local secondary index, from the item sizes it stored) is added up here. The caller's answer is given back as
 * it asked for it.
 */

/** Operations that take ReturnConsumedCapacity, and whether they write. */
export const CAPACITY_OPERATIONS: Readonly<Record<string, 'read' | 'write'>> = {
  GetItem: 'read',
  BatchGetItem: 'read',
  Query: 'read',
  Scan: 'read',
  TransactGetItems: 'read',
  PutItem: 'write',
  UpdateItem: 'write',
  DeleteItem: 'write',
  BatchWriteItem: 'write',
  TransactWriteItems: 'write',
};

/** DynamoDB's ConsumedCapacity, as the wire carries it. */
export interface ConsumedCapacity {
  TableName?: string;
  CapacityUnits?: number;
  ReadCapacityUnits?: number;
  WriteCapacityUnits?: number;
  Table?: { CapacityUnits?: number; ReadCapacityUnits?: number; WriteCapacityUnits?: number };
  GlobalSecondaryIndexes?: Record<string, { CapacityUnits?: number }>;
  LocalSecondaryIndexes?: Record<string, { CapacityUnits?: number }>;
}

/** Units consumed on one table or one of its indexes. */
export interface Units {
  readUnits: number;
  writeUnits: number;
}

/** What one table consumed since the meter was attached (or reset). */
export interface TableUsage extends Units {
  table: string;
  /** The base table's own units (without its indexes). */
  base: Units;
  /** Units per secondary index, by index name (GSIs and LSIs). */
  indexes: Record<string, Units>;
  /** Successful calls per operation (`PutItem`, `TransactWriteItems`, …; a transaction counts once per table). */
  calls: Record<string, number>;
  /**
   * Write calls DynamoDB refused (a failed condition, a cancelled transaction): AWS bills them too, but the error
   * answer carries no consumption, so they are counted here for the reader to price.
   */
  refusedWrites: number;
}

const zero = (): Units => ({ readUnits: 0, writeUnits: 0 });

/**
 * Adds up consumed capacity per table and index.
 *
 * @example const meter = new CapacityMeter(); cloud.engines.dynamodb.engine.api.measure(meter); … meter.tables();
 */
export class CapacityMeter {
  private readonly usage = new Map<string, TableUsage>();

  /** Adds what one successful call consumed (the `ConsumedCapacity` of its answer: one object or a list). */
  record(operation: string, consumed: ConsumedCapacity | ConsumedCapacity[] | undefined): void {
    const kind = CAPACITY_OPERATIONS[operation];
    if (!kind || consumed === undefined) return;
    for (const entry of [consumed].flat()) {
      if (!entry.TableName) continue;
      const table = this.tableOf(entry.TableName);
      table.calls[operation] = (table.calls[operation] ?? 0) + 1;
      const total = unitsOf(entry, kind);
      const indexes = { ...entry.GlobalSecondaryIndexes, ...entry.LocalSecondaryIndexes };
      let onIndexes = zero();
      for (const [name, units] of Object.entries(indexes)) {
        const used = unitsOf(units, kind);
        table.indexes[name] = add(table.indexes[name] ?? zero(), used);
        onIndexes = add(onIndexes, used);
      }
      // Without a Table breakdown, whatever the indexes did not consume was the base table's.
      const base = entry.Table ? unitsOf(entry.Table, kind) : subtract(total, onIndexes);
      table.base = add(table.base, base);
      const sum = add(base, onIndexes);
      table.readUnits += sum.readUnits;
      table.writeUnits += sum.writeUnits;
    }
  }

  /** Counts a write DynamoDB refused, on the tables its request names. */
  recordRefused(operation: string, request: Record<string, unknown>): void {
    if (CAPACITY_OPERATIONS[operation] !== 'write') return;
    for (const name of tablesNamedIn(request)) this.tableOf(name).refusedWrites += 1;
  }

  /** Every table that was used, by name. */
  tables(): TableUsage[] {
    return [...this.usage.values()]
      .map((usage) => structuredClone(usage))
      .sort((a, b) => a.table.localeCompare(b.table));
  }

  reset(): void {
    this.usage.clear();
  }

  private tableOf(name: string): TableUsage {
    let table = this.usage.get(name);
    if (!table) {
      table = {
        table: name,
        readUnits: 0,
        writeUnits: 0,
        base: zero(),
        indexes: {},
        calls: {},
        refusedWrites: 0,
      };
      this.usage.set(name, table);
    }
    return table;
  }
}

function unitsOf(
  units: { CapacityUnits?: number; ReadCapacityUnits?: number; WriteCapacityUnits?: number },
  kind: 'read' | 'write',
): Units {
  if (units.ReadCapacityUnits !== undefined || units.WriteCapacityUnits !== undefined)
    return { readUnits: units.ReadCapacityUnits ?? 0, writeUnits: units.WriteCapacityUnits ?? 0 };
  const value = units.CapacityUnits ?? 0;
  return kind === 'read' ? { readUnits: value, writeUnits: 0 } : { readUnits: 0, writeUnits: value };
}

const add = (a: Units, b: Units): Units => ({
  readUnits: a.readUnits + b.readUnits,
  writeUnits: a.writeUnits + b.writeUnits,
});

const subtract = (a: Units, b: Units): Units => ({
  readUnits: Math.max(0, a.readUnits - b.readUnits),
  writeUnits: Math.max(0, a.writeUnits - b.writeUnits),
});

/** The table names a write request names: `TableName`, `RequestItems` keys, each transaction item's table. */
function tablesNamedIn(request: Record<string, unknown>): string[] {
  if (typeof request.TableName === 'string') return [request.TableName];
  if (request.RequestItems && typeof request.RequestItems === 'object')
    return Object.keys(request.RequestItems);
  if (Array.isArray(request.TransactItems)) {
    const names = request.TransactItems.flatMap((item: Record<string, { TableName?: unknown }>) =>
      Object.values(item ?? {}).map((action) => action?.TableName),
    );
    return [...new Set(names.filter((name): name is string => typeof name === 'string'))];
  }
  return [];
}

/** A DynamoDB JSON attribute value (`{ S: … }`, `{ N: … }`, `{ M: {…} }`, …). */
export type AttributeValue = Record<string, unknown>;
export type Item = Record<string, AttributeValue>;

/** What the meter needs of a table's definition: its key and its indexes' keys and projections. */
export interface TableShape {
  keys: string[];
  indexes: Array<{
    name: string;
    keys: string[];
    projection: 'ALL' | 'KEYS_ONLY' | 'INCLUDE';
    include?: string[];
  }>;
}

/** One item a multi-item write touches: its table, the item before and after the call (undefined: none). */
export interface ItemWrite {
  table: string;
  before: Item | undefined;
  after: Item | undefined;
  /** A ConditionCheck: read by the transaction, not written. */
  checkOnly?: boolean;
}

/**
 * The size DynamoDB bills an item by: each attribute's name (UTF-8) plus its value — strings by their UTF-8
 * bytes, numbers by about one byte per two significant digits plus one, binaries by their bytes, booleans and nulls
 * one byte, lists and maps 3 bytes plus one per element plus their elements.
 */
export function itemSize(item: Item | undefined): number {
  if (!item) return 0;
  return Object.entries(item).reduce(
    (sum, [name, value]) => sum + Buffer.byteLength(name) + valueSize(value),
    0,
  );
}

function valueSize(value: AttributeValue): number {
  const [type, content] = Object.entries(value)[0] ?? ['NULL', true];
  switch (type) {
    case 'S':
      return Buffer.byteLength(String(content));
    case 'N':
      return numberSize(String(content));
    case 'B':
      return Buffer.from(String(content), 'base64').length;
    case 'SS':
      return (content as string[]).reduce((sum, s) => sum + Buffer.byteLength(s), 0);
    case 'NS':
      return (content as string[]).reduce((sum, n) => sum + numberSize(n), 0);
    case 'BS':
      return (content as string[]).reduce((sum, b) => sum + Buffer.from(b, 'base64').length, 0);
    case 'L':
      return 3 + (content as AttributeValue[]).reduce((sum, v) => sum + 1 + valueSize(v), 0);
    case 'M':
      return (
        3 +
        Object.entries(content as Item).reduce(
          (sum, [k, v]) => sum + 1 + Buffer.byteLength(k) + valueSize(v),
          0,
        )
      );
    default:
      return 1;
  }
}

const numberSize = (n: string) => Math.ceil(n.replace(/^[-+]?0*|[eE].*$|\./g, '').length / 2) + 1;

const kb = (bytes: number) => Math.max(1, Math.ceil(bytes / 1024));

/**
 * The read units of a BatchGetItem as AWS bills them: each key read as a GetItem of its own, a unit per started
 * 4 KB of its item (a key without an item the minimum unit), strongly consistent 1, eventually consistent 0.5;
 * keys left unprocessed are not read. DynamoDB Local reports only the items it found (nothing when it found none),
 * where its GetItem of a missing item reports the minimum. Projections are not applied (the whole item counts, as
 * AWS bills the item read, not the attributes returned).
 */
export function batchGetUnits(
  input: { RequestItems?: Record<string, { Keys?: Item[]; ConsistentRead?: boolean }> },
  output: { Responses?: Record<string, Item[]>; UnprocessedKeys?: Record<string, { Keys?: Item[] }> },
): ConsumedCapacity[] {
  return Object.entries(input.RequestItems ?? {}).map(([table, request]) => {
    const items = output.Responses?.[table] ?? [];
    const read = (request.Keys?.length ?? 0) - (output.UnprocessedKeys?.[table]?.Keys?.length ?? 0);
    const units = items.reduce(
      (sum, item) => sum + Math.max(1, Math.ceil(itemSize(item) / 4096)),
      Math.max(0, read - items.length),
    );
    const capacity = units * (request.ConsistentRead ? 1 : 0.5);
    return { TableName: table, CapacityUnits: capacity, Table: { CapacityUnits: capacity } };
  });
}

const hasKeys = (item: Item | undefined, keys: string[]): item is Item =>
  item !== undefined && keys.every((key) => item[key] !== undefined);

function projected(item: Item, shape: TableShape, index: TableShape['indexes'][number]): Item {
  if (index.projection === 'ALL') return item;
  const kept = new Set([...shape.keys, ...index.keys, ...(index.include ?? [])]);
  return Object.fromEntries(Object.entries(item).filter(([name]) => kept.has(name)));
}

/**
 * The units AWS bills for the items of a TransactWriteItems (`factor` 2: every item is prepared and committed) or a
 * BatchWriteItem (`factor` 1), computed from the items before and after, since DynamoDB Local's ConsumedCapacity
 * for a call that writes several items of one table is not their sum. Per item: the larger of its sizes before and
 * after, per started KB, on the table; on each index it appears in, a put, a delete, both (its index key changed),
 * or an update of the projected sizes. A ConditionCheck is billed like a write of the item it checks.
 */
export function multiItemUnits(
  writes: ItemWrite[],
  shapes: Map<string, TableShape>,
  factor: 1 | 2,
): ConsumedCapacity[] {
  const byTable = new Map<string, ConsumedCapacity>();
  for (const write of writes) {
    const shape = shapes.get(write.table) ?? { keys: [], indexes: [] };
    const entry = byTable.get(write.table) ?? {
      TableName: write.table,
      CapacityUnits: 0,
      Table: { CapacityUnits: 0 },
    };
    const tableUnits = factor * kb(Math.max(itemSize(write.before), itemSize(write.after)));
    entry.Table = { CapacityUnits: (entry.Table?.CapacityUnits ?? 0) + tableUnits };
    entry.CapacityUnits = (entry.CapacityUnits ?? 0) + tableUnits;
    if (!write.checkOnly) {
      for (const index of shape.indexes) {
        const units = factor * indexWrites(write, shape, index);
        if (units === 0) continue;
        entry.GlobalSecondaryIndexes = entry.GlobalSecondaryIndexes ?? {};
        const indexes = entry.GlobalSecondaryIndexes;
        indexes[index.name] = { CapacityUnits: (indexes[index.name]?.CapacityUnits ?? 0) + units };
        entry.CapacityUnits = (entry.CapacityUnits ?? 0) + units;
      }
    }
    byTable.set(write.table, entry);
  }
  return [...byTable.values()];
}

const canonical = (item: Item) => JSON.stringify(Object.entries(item).sort(([a], [b]) => a.localeCompare(b)));
const sameItem = (a: Item, b: Item) => canonical(a) === canonical(b);

function indexWrites(write: ItemWrite, shape: TableShape, index: TableShape['indexes'][number]): number {
  const before = hasKeys(write.before, index.keys) ? projected(write.before, shape, index) : undefined;
  const after = hasKeys(write.after, index.keys) ? projected(write.after, shape, index) : undefined;
  if (!before && !after) return 0;
  if (!before) return kb(itemSize(after));
  if (!after) return kb(itemSize(before));
  const moved = index.keys.some((key) => JSON.stringify(before[key]) !== JSON.stringify(after[key]));
  if (moved) return kb(itemSize(before)) + kb(itemSize(after));
  if (sameItem(before, after)) return 0;
  return kb(Math.max(itemSize(before), itemSize(after)));
}
