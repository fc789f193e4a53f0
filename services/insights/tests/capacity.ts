import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';

/**
 * Capacity units a client spent, counted as DynamoDB bills them on demand. Single-item commands ask DynamoDB
 * Local for their consumed capacity (with indexes). DynamoDB Local does not report transactions item by item,
 * so a transaction is counted from its input as AWS bills it: 2 units per KB of each item, plus 1 per KB for
 * each index a Put writes (an item carrying that index's keys). A write refused by its condition is billed by
 * AWS but reported by nobody: it counts 1 unit per KB of the item it tried to write.
 */
export interface CapacityMeter {
  writeUnits: number;
  readUnits: number;
  /** Write units per command name (e.g. `TransactWriteItemsCommand`), for the figures' breakdown. */
  writesByCommand: Record<string, number>;
  reset: () => void;
}

interface Consumed {
  CapacityUnits?: number;
  Table?: { CapacityUnits?: number };
  GlobalSecondaryIndexes?: Record<string, { CapacityUnits?: number }>;
}

type Item = Record<string, unknown>;

/** An item's size as DynamoDB counts it (names + values), close enough to round to whole KB. */
const bytesOf = (item: Item | undefined): number => Buffer.byteLength(JSON.stringify(item ?? {}));
const kb = (bytes: number) => Math.max(1, Math.ceil(bytes / 1024));

/** The indexes of the insights table whose key attributes a Put item carries. */
const indexesOf = (item: Item) => ['GSI1PK', 'outboxShard'].filter((name) => name in item).length;

interface TransactItem {
  Put?: { Item: Item };
  Update?: { Key: Item };
  Delete?: { Key: Item };
  ConditionCheck?: { Key: Item };
}

const transactionUnits = (items: TransactItem[]) =>
  items.reduce((sum, entry) => {
    if (entry.Put) return sum + 2 * kb(bytesOf(entry.Put.Item)) + indexesOf(entry.Put.Item);
    return sum + 2;
  }, 0);

interface Input {
  ReturnConsumedCapacity?: string;
  Item?: Item;
  Key?: Item;
  TransactItems?: TransactItem[];
  RequestItems?: Record<string, { Keys?: Item[]; ConsistentRead?: boolean }>;
}

interface BatchGetOutput {
  Responses?: Record<string, Item[]>;
  UnprocessedKeys?: Record<string, { Keys?: Item[] }>;
}

/**
 * BatchGetItem, counted as AWS bills it: each key read as a GetItem of its own (a unit per started 4 KB of the
 * item, a key without an item the minimum unit), strongly consistent 1, eventually consistent 0.5. DynamoDB Local
 * reports only the items it found (and nothing when it found none), where a GetItem of a missing item costs one.
 */
const batchGetUnits = (input: Input, output: BatchGetOutput) =>
  Object.entries(input.RequestItems ?? {}).reduce((sum, [table, request]) => {
    const items = output.Responses?.[table] ?? [];
    const read = (request.Keys?.length ?? 0) - (output.UnprocessedKeys?.[table]?.Keys?.length ?? 0);
    const units = items.reduce((n, item) => n + Math.ceil(bytesOf(item) / 4096), read - items.length);
    return sum + units * (request.ConsistentRead ? 1 : 0.5);
  }, 0);

const isWrite = (command: string) => /^(Put|Update|Delete|BatchWrite|TransactWrite)/.test(command);

/** Meters every command sent through `client` (and the document clients built from it). */
export function meterCapacity(...clients: DynamoDBClient[]): CapacityMeter {
  const meter: CapacityMeter = {
    writeUnits: 0,
    readUnits: 0,
    writesByCommand: {},
    reset: () => {
      meter.writeUnits = 0;
      meter.readUnits = 0;
      meter.writesByCommand = {};
    },
  };
  const addWrite = (command: string, units: number) => {
    meter.writeUnits += units;
    meter.writesByCommand[command] = (meter.writesByCommand[command] ?? 0) + units;
  };
  const onResult = (command: string, input: Input, output: { ConsumedCapacity?: Consumed | Consumed[] }) => {
    if (command.startsWith('TransactWrite')) {
      addWrite(command, transactionUnits(input.TransactItems ?? []));
      return;
    }
    if (command.startsWith('BatchGet')) {
      meter.readUnits += batchGetUnits(input, output as BatchGetOutput);
      return;
    }
    for (const c of [output.ConsumedCapacity ?? []].flat()) {
      const table = c.Table?.CapacityUnits ?? c.CapacityUnits ?? 0;
      const indexes = Object.values(c.GlobalSecondaryIndexes ?? {}).reduce(
        (sum, index) => sum + (index.CapacityUnits ?? 0),
        0,
      );
      if (isWrite(command)) addWrite(command, table + indexes);
      else meter.readUnits += table + indexes;
    }
  };
  const onError = (command: string, input: Input, error: unknown) => {
    const name = (error as { name?: string }).name;
    if (name === 'ConditionalCheckFailedException')
      addWrite(`${command} (refused)`, kb(bytesOf(input.Item ?? input.Key)));
    if (name === 'TransactionCanceledException')
      addWrite(`${command} (cancelled)`, transactionUnits(input.TransactItems ?? []));
  };
  for (const client of clients) {
    client.middlewareStack.add(
      (next, context) => async (args) => {
        const command = String(context.commandName);
        const input = args.input as Input;
        input.ReturnConsumedCapacity = 'INDEXES';
        try {
          const result = await next(args);
          onResult(command, input, result.output as { ConsumedCapacity?: Consumed | Consumed[] });
          return result;
        } catch (error) {
          onError(command, input, error);
          throw error;
        }
      },
      { step: 'initialize', name: 'meterCapacity', override: true },
    );
  }
  return meter;
}
