import type { BatchGetCommand, BatchGetCommandOutput } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from '@jest/globals';
import { type BatchGetClient, gatheredConsistentReads } from './gatheredReads';

type Key = { PK: string; SK: string };
const TABLE = 'insights';

/** A table in memory answering BatchGetItem; `unprocessedOnce` keys are left unprocessed the first time. */
function fakeTable(items: Key[], options: { unprocessedOnce?: Key[]; fail?: Error } = {}) {
  const requests: { keys: Key[]; consistent: boolean | undefined }[] = [];
  let unprocessed = options.unprocessedOnce ?? [];
  const client: BatchGetClient = {
    send: async (command: BatchGetCommand): Promise<BatchGetCommandOutput> => {
      const request = command.input.RequestItems?.[TABLE];
      const keys = (request?.Keys ?? []) as Key[];
      requests.push({ keys, consistent: request?.ConsistentRead });
      if (options.fail) throw options.fail;
      const left = keys.filter((k) => unprocessed.some((u) => u.PK === k.PK && u.SK === k.SK));
      unprocessed = [];
      const served = keys.filter((k) => !left.includes(k));
      return {
        $metadata: {},
        Responses: {
          [TABLE]: items
            .filter((item) => served.some((k) => k.PK === item.PK && k.SK === item.SK))
            .map((item) => ({ ...item, value: `${item.PK}/${item.SK}` })),
        },
        UnprocessedKeys: left.length ? { [TABLE]: { Keys: left } } : {},
      };
    },
  };
  return { client, requests };
}

const key = (n: number): Key => ({ PK: 'USER#u', SK: `EXPENSE#${n}` });

describe('gatheredConsistentReads', () => {
  it('reads the keys asked for in one turn in one consistent BatchGetItem, each caller getting its item', async () => {
    const { client, requests } = fakeTable([key(1), key(3)]);
    const get = gatheredConsistentReads(client, TABLE);
    const [one, two, three, oneAgain] = await Promise.all([
      get(key(1)),
      get(key(2)),
      get(key(3)),
      get(key(1)),
    ]);
    expect(one).toEqual({ ...key(1), value: 'USER#u/EXPENSE#1' });
    expect(two).toBeUndefined();
    expect(three).toEqual({ ...key(3), value: 'USER#u/EXPENSE#3' });
    expect(oneAgain).toEqual(one);
    // A key asked for twice is read once.
    expect(requests).toEqual([{ keys: [key(1), key(2), key(3)], consistent: true }]);
  });

  it('reads keys asked for after a read was sent in a read of their own', async () => {
    const { client, requests } = fakeTable([key(1), key(2)]);
    const get = gatheredConsistentReads(client, TABLE);
    await get(key(1));
    await get(key(2));
    expect(requests.map((r) => r.keys)).toEqual([[key(1)], [key(2)]]);
  });

  it('asks again for the keys DynamoDB left unprocessed', async () => {
    const { client, requests } = fakeTable([key(1), key(2)], { unprocessedOnce: [key(2)] });
    const get = gatheredConsistentReads(client, TABLE, { backoffMs: () => 0 });
    const [one, two] = await Promise.all([get(key(1)), get(key(2))]);
    expect([one?.SK, two?.SK]).toEqual(['EXPENSE#1', 'EXPENSE#2']);
    expect(requests.map((r) => r.keys)).toEqual([[key(1), key(2)], [key(2)]]);
  });

  it('sends at most 100 keys per request', async () => {
    const { client, requests } = fakeTable([]);
    const get = gatheredConsistentReads(client, TABLE);
    await Promise.all(Array.from({ length: 150 }, (_, n) => get(key(n))));
    expect(requests.map((r) => r.keys.length)).toEqual([100, 50]);
  });

  it('fails every reader of a failed request', async () => {
    const { client } = fakeTable([], { fail: new Error('throttled') });
    const get = gatheredConsistentReads(client, TABLE);
    const reads = [get(key(1)), get(key(2))];
    await expect(reads[0]).rejects.toThrow('throttled');
    await expect(reads[1]).rejects.toThrow('throttled');
  });
});
