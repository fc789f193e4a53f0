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
