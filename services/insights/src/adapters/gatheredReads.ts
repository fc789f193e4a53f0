import {
  BatchGetCommand,
  type BatchGetCommandOutput,
  type NativeAttributeValue,
} from '@aws-sdk/lib-dynamodb';

type Key = { PK: string; SK: string };
/** An item as the document client returns it (what GetCommand's `Item` is). */
type Item = Record<string, NativeAttributeValue>;

/** A strongly consistent read of one item by its key (undefined when there is none). */
export type ConsistentGet = (key: Key) => Promise<Item | undefined>;

/** The one client call the reads need (a DynamoDBDocumentClient has it). */
export interface BatchGetClient {
  send(command: BatchGetCommand): Promise<BatchGetCommandOutput>;
}

export interface GatheredReadsOptions {
  /** When the keys asked for so far are read: by default on the next turn of the event loop (setImmediate). */
  defer?: (read: () => void) => void;
  /** The wait before asking again for keys DynamoDB left unprocessed. */
  backoffMs?: (attempt: number) => number;
}

/** BatchGetItem reads at most 100 keys per request. */
const MAX_KEYS = 100;
/** Requests for the keys DynamoDB leaves unprocessed (throttling, size) before the readers are failed. */
const ATTEMPTS = 6;

const idOf = (key: Key) => `${key.PK}\u0000${key.SK}`;

interface Waiting {
  key: Key;
  resolve: (item: Item | undefined) => void;
  reject: (error: unknown) => void;
}

/**
 * Hands the readers of a BatchGetItem's answer their items: those returned, and undefined for the keys read and
 * not returned (no such item). The keys DynamoDB left unprocessed stay waiting.
 */
function answer(waiting: Map<string, Waiting[]>, tableName: string, result: BatchGetCommandOutput) {
  const found = new Map((result.Responses?.[tableName] ?? []).map((item) => [idOf(item as Key), item]));
  const unprocessed = new Set(((result.UnprocessedKeys?.[tableName]?.Keys ?? []) as Key[]).map(idOf));
  for (const [id, readers] of waiting) {
    if (unprocessed.has(id)) continue;
    for (const reader of readers) reader.resolve(found.get(id));
    waiting.delete(id);
  }
}

/**
 * Strongly consistent single-item reads, gathered: every key asked for during one turn of the event loop is read
 * in one BatchGetItem (per 100 keys, with ConsistentRead, unprocessed keys asked again), and each caller gets its
 * item. The reads are those of a GetItem per key (same consistency, same read units, each issued after it was
 * asked for), in one request instead of many: what an SQS batch's records ask for together costs one call.
 *
 * @example
 * const get = gatheredConsistentReads(documentClient, tableName);
 * const [state, stats] = await Promise.all([get(expenseKey(u, e)), get(statsKey(u, c, 'EUR'))]);
 */
export function gatheredConsistentReads(
  client: BatchGetClient,
  tableName: string,
  options: GatheredReadsOptions = {},
): ConsistentGet {
  const defer = options.defer ?? ((read: () => void) => setImmediate(read));
  const backoffMs = options.backoffMs ?? ((attempt: number) => 25 * 2 ** attempt);
  let gathering: Map<string, Waiting[]> | undefined;

  const readChunk = async (chunk: [string, Waiting[]][]) => {
    const waiting = new Map(chunk);
    try {
      for (let attempt = 0; waiting.size > 0; attempt++) {
        if (attempt >= ATTEMPTS) throw new Error('DynamoDB left reads unprocessed after retries');
        if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, backoffMs(attempt)));
        const Keys = [...waiting.values()].map(([first]) => (first as Waiting).key);
        const result = await client.send(
          new BatchGetCommand({ RequestItems: { [tableName]: { Keys, ConsistentRead: true } } }),
        );
        answer(waiting, tableName, result);
      }
    } catch (error) {
      for (const readers of waiting.values()) for (const reader of readers) reader.reject(error);
    }
  };

  const readGathered = (gathered: Map<string, Waiting[]>) => {
    const entries = [...gathered];
    for (let start = 0; start < entries.length; start += MAX_KEYS) {
      void readChunk(entries.slice(start, start + MAX_KEYS));
    }
  };

  return (key) =>
    new Promise<Item | undefined>((resolve, reject) => {
      if (!gathering) {
        const gathered = new Map<string, Waiting[]>();
        gathering = gathered;
        defer(() => {
          gathering = undefined;
          readGathered(gathered);
        });
      }
      const id = idOf(key);
      const readers = gathering.get(id) ?? [];
      readers.push({ key: { PK: key.PK, SK: key.SK }, resolve, reject });
      gathering.set(id, readers);
    });
}
