/**
 * The local TTL sweeper against a large table (`pnpm bench:ttl-sweep [--items N] [--partition N]`): the time
 * DynamoDB Local's one database thread spends on a whole pass of the sweeper over a table of N items, read in
 * one segment (each page resumes from an `ExclusiveStartKey`, as the sweeper did) and in segments of about
 * 2,000 items (as it does now), interleaved in one run. Prints figures only.
 *
 * DynamoDB Local walks its SQLite table from the start of the segment to a page's `ExclusiveStartKey`, so in one
 * segment a page costs in proportion to how far in it starts and a pass costs in proportion to N².
 */
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { startDynamoDbLocal } from '@spendwise/local-cloud/dynamodb/dynamoDbLocal';
import { TtlDeletions } from '@spendwise/local-cloud/dynamodb/ttlDeletions';
import { TtlSweeper } from '@spendwise/local-cloud/dynamodb/ttlSweeper';
import { type DynamoDbCall, dynamoDbCall } from '@spendwise/local-cloud/dynamodb/wire';

const { values } = parseArgs({
  options: {
    items: { type: 'string', default: '40000' },
    partition: { type: 'string', default: '40' },
  },
});
const ITEMS = Number(values.items);
const PARTITION = Number(values.partition);
const say = (line: string) => process.stdout.write(`${line}\n`);
const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;

const db = await startDynamoDbLocal();
const call = dynamoDbCall(db.endpoint);
const TABLE = 'ttl-sweep-bench';
await call('CreateTable', {
  TableName: TABLE,
  BillingMode: 'PAY_PER_REQUEST',
  AttributeDefinitions: [
    { AttributeName: 'PK', AttributeType: 'S' },
    { AttributeName: 'SK', AttributeType: 'S' },
  ],
  KeySchema: [
    { AttributeName: 'PK', KeyType: 'HASH' },
    { AttributeName: 'SK', KeyType: 'RANGE' },
  ],
});
await call('UpdateTimeToLive', {
  TableName: TABLE,
  TimeToLiveSpecification: { AttributeName: 'expiresAt', Enabled: true },
});

// Items with a TTL a week ahead, for the sweeper's clock and DynamoDB Local's: the passes read, never delete,
// so both read the same table.
const now = Math.floor(Date.now() / 1000);
const seedStarted = performance.now();
let written = 0;
async function seeder() {
  while (written < ITEMS) {
    const from = written;
    written = Math.min(ITEMS, written + 25);
    const requests = Array.from({ length: written - from }, (_, k) => {
      const n = from + k;
      return {
        PutRequest: {
          Item: {
            PK: { S: `USER#${Math.floor(n / PARTITION)}` },
            SK: { S: `EXPENSE#${String(n).padStart(9, '0')}` },
            amount: { N: String(n % 10_000) },
            note: { S: 'x'.repeat(300) },
            expiresAt: { N: String(now + 7 * 86_400) },
          },
        },
      };
    });
    let unprocessed: unknown = { [TABLE]: requests };
    while (unprocessed && Object.keys(unprocessed as object).length > 0) {
      const answer = await call<{ UnprocessedItems?: unknown }>('BatchWriteItem', {
        RequestItems: unprocessed,
      });
      unprocessed = answer.UnprocessedItems;
    }
    if (written % 10_000 < 25) process.stderr.write(`seeded ${written} of ${ITEMS}\n`);
  }
}
await Promise.all(Array.from({ length: 8 }, seeder));
say(
  `seeded ${ITEMS} items in partitions of ${PARTITION} in ${((performance.now() - seedStarted) / 1000).toFixed(0)} s`,
);

interface Page {
  ms: number;
  segment?: number;
  segments?: number;
  more: boolean;
}

/** Steps a sweeper until it has finished `passes` passes over the table; the pages of the last pass. */
async function pass(segmentItems: number, passes: number): Promise<Page[]> {
  let pages: Page[] = [];
  let finished = 0;
  const timed: DynamoDbCall = async (operation, body, api) => {
    if (operation !== 'Scan') return call(operation, body, api);
    const started = performance.now();
    const answer = await call<{ LastEvaluatedKey?: unknown }>(operation, body, api);
    const { Segment, TotalSegments } = body as { Segment?: number; TotalSegments?: number };
    pages.push({
      ms: performance.now() - started,
      segment: Segment,
      segments: TotalSegments,
      more: !!answer.LastEvaluatedKey,
    });
    return answer as never;
  };
  const sweeper = new TtlSweeper(timed, new TtlDeletions(), { intervalSeconds: 3600, segmentItems });
  while (finished < passes) {
    await sweeper.step([TABLE]);
    const last = pages.at(-1);
    if (last && !last.more && (last.segments === undefined || last.segment === last.segments - 1)) {
      finished += 1;
      if (finished < passes) pages = [];
    }
  }
  return pages;
}

function report(label: string, pages: Page[]) {
  const sorted = pages.map((page) => page.ms).sort((a, b) => a - b);
  const total = sorted.reduce((sum, ms) => sum + ms, 0);
  say(
    `${label.padEnd(34)} ${String(pages.length).padStart(5)} pages, ${String(pages[0]?.segments ?? 1).padStart(4)} segment(s): ` +
      `pass ${(total / 1000).toFixed(1)} s of the database thread, page p50 ${percentile(sorted, 50).toFixed(0)} ms, ` +
      `p90 ${percentile(sorted, 90).toFixed(0)} ms, max ${percentile(sorted, 100).toFixed(0)} ms`,
  );
  return total;
}

// Interleaved: one segment, segmented (its second pass, sized by the first), one segment, segmented.
const single: number[] = [];
const segmented: number[] = [];
for (let round = 0; round < 2; round += 1) {
  single.push(report('one segment (before)', await pass(Number.POSITIVE_INFINITY, 1)));
  segmented.push(report('segments of ~2,000 items (now)', await pass(2000, 2)));
}
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;
say(
  `a whole pass costs ${(median(single) / median(segmented)).toFixed(1)}× less in segments ` +
    `(load average ${loadavg()[0]?.toFixed(2)})`,
);
await db.stop();
