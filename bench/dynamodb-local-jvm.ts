/**
 * DynamoDB Local under the two JVM tunings (`pnpm bench:dynamodb-jvm`): start-up to first answer, then the
 * calls per second and p50/p99 of the write the expenses service makes most (a TransactWriteItems of an
 * expense, its outbox record and its idempotency record) at 16 in flight, after a warm-up. Prints figures only.
 */
import { loadavg } from 'node:os';
import { startDynamoDbLocal } from '@spendwise/local-cloud/dynamodb/dynamoDbLocal';
import { dynamoDbCall } from '@spendwise/local-cloud/dynamodb/wire';

const CALLS = Number(process.env.BENCH_CALLS ?? 3000);
const say = (line: string) => process.stdout.write(`${line}\n`);
const percentile = (values: number[], p: number) =>
  [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.ceil((p / 100) * values.length) - 1)] ??
  0;

async function run(tuning: 'startup' | 'throughput') {
  const started = performance.now();
  const db = await startDynamoDbLocal({ tuning });
  const startSeconds = (performance.now() - started) / 1000;
  const call = dynamoDbCall(db.endpoint);
  const table = { TableName: 'bench', BillingMode: 'PAY_PER_REQUEST' };
  await call('CreateTable', {
    ...table,
    AttributeDefinitions: [
      { AttributeName: 'PK', AttributeType: 'S' },
      { AttributeName: 'SK', AttributeType: 'S' },
    ],
    KeySchema: [
      { AttributeName: 'PK', KeyType: 'HASH' },
      { AttributeName: 'SK', KeyType: 'RANGE' },
    ],
    StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_IMAGE' },
  });
  let next = 0;
  const write = async () => {
    const n = next++;
    const user = `USER#${n % 20}`;
    const put = (sk: string) => ({
      Put: {
        TableName: 'bench',
        Item: { PK: { S: user }, SK: { S: sk }, amount: { N: String(n) }, body: { S: 'x'.repeat(300) } },
      },
    });
    await call('TransactWriteItems', {
      TransactItems: [put(`EXP#${n}`), put(`OUTBOX#${n}`), put(`IDEM#${n}`)],
    });
  };
  const measure = async (count: number) => {
    const latencies: number[] = [];
    const began = performance.now();
    await Promise.all(
      Array.from({ length: 16 }, async () => {
        while (latencies.length < count) {
          const t = performance.now();
          await write();
          latencies.push(performance.now() - t);
        }
      }),
    );
    return { latencies, seconds: (performance.now() - began) / 1000 };
  };
  await measure(CALLS / 2);
  const { latencies, seconds } = await measure(CALLS);
  await db.stop();
  say(
    `${tuning.padEnd(10)} start ${startSeconds.toFixed(1)} s; ${(latencies.length / seconds).toFixed(0)} writes/s, ` +
      `p50 ${percentile(latencies, 50).toFixed(1)} ms, p99 ${percentile(latencies, 99).toFixed(1)} ms ` +
      `(load average ${loadavg()[0]?.toFixed(2)})`,
  );
}

await run('startup');
await run('throughput');
await run('startup');
await run('throughput');
