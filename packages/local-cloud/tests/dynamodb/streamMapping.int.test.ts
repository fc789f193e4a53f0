import { afterEach, describe, expect, it } from '@jest/globals';
import type { InvokeOutcome } from '../../src/core/ports';
import type { LambdaStreamRecord } from '../../src/dynamodb/streams/records';
import { pause, resourceOf, streamHarness, streamTableProperties, uniqueTableName, waitFor } from './support';

const OUTBOX_FILTER = '{"eventName":["INSERT"],"dynamodb":{"NewImage":{"type":{"S":["Outbox"]}}}}';
const QUEUE_ARN = 'arn:aws:sqs:eu-west-1:000000000000:spendwise-dev-expenses-outbox-relay-dlq';

let harness: ReturnType<typeof streamHarness> | undefined;

afterEach(async () => {
  await harness?.engine.stop();
  harness = undefined;
});

/** A table with a stream, three items already written, and a harness whose function answers `invoke`. */
async function setUp(invoke: (records: LambdaStreamRecord[], call: number) => InvokeOutcome) {
  harness = streamHarness();
  const { call, tables, cloud, answers } = harness;
  const tableName = uniqueTableName('stream');
  const table = await tables.create(
    resourceOf('ExpensesTable', 'AWS::DynamoDB::Table', streamTableProperties(tableName)),
    cloud,
  );
  let calls = 0;
  answers.invoke = async (_ref, payload) =>
    invoke((payload as { Records: LambdaStreamRecord[] }).Records, calls++);
  const put = (id: string, type = 'Outbox') =>
    call('PutItem', {
      TableName: tableName,
      Item: { PK: { S: `P#${id}` }, SK: { S: id }, type: { S: type } },
    });
  return { ...harness, tableName, streamArn: String(table.attributes.StreamArn), put };
}

async function createMapping(h: Awaited<ReturnType<typeof setUp>>, properties: Record<string, unknown>) {
  await h.mappings.create(
    resourceOf('RelayMapping', 'AWS::Lambda::EventSourceMapping', {
      FunctionName: 'arn:aws:lambda:eu-west-1:000000000000:function:spendwise-expenses-dev-relayOutbox',
      EventSourceArn: h.streamArn,
      StartingPosition: 'TRIM_HORIZON',
      BatchSize: 10,
      ...properties,
    }),
    h.cloud,
  );
}

const ok = (result?: unknown): InvokeOutcome => ({ ok: true, result, durationMs: 1, coldStart: false });
const failed: InvokeOutcome = {
  ok: false,
  errorType: 'Error',
  errorMessage: 'boom',
  durationMs: 1,
  coldStart: false,
};
const keysOf = (records: LambdaStreamRecord[]) =>
  records.map((r) => (r.dynamodb.Keys!.SK as { S: string }).S);

describe('DynamoDB stream event source mapping', () => {
  it('delivers only the records the filter criteria let through, in the Lambda event shape', async () => {
    const h = await setUp(() => ok());
    await h.put('o1');
    await h.put('e1', 'Expense');
    await h.call('UpdateItem', {
      TableName: h.tableName,
      Key: { PK: { S: 'P#o1' }, SK: { S: 'o1' } },
      UpdateExpression: 'SET n = :n',
      ExpressionAttributeValues: { ':n': { N: '1' } },
    });

    await createMapping(h, { FilterCriteria: { Filters: [{ Pattern: OUTBOX_FILTER }] } });
    await waitFor(() => h.recorded.invocations.length >= 1);
    await pause(300);

    const records = h.recorded.invocations.flatMap(
      (i) => (i.payload as { Records: LambdaStreamRecord[] }).Records,
    );
    expect(keysOf(records)).toEqual(['o1']);
    expect(records[0]).toEqual({
      eventID: expect.any(String),
      eventName: 'INSERT',
      eventVersion: expect.any(String),
      eventSource: 'aws:dynamodb',
      awsRegion: 'eu-west-1',
      eventSourceARN: h.streamArn,
      dynamodb: {
        ApproximateCreationDateTime: expect.any(Number),
        Keys: { PK: { S: 'P#o1' }, SK: { S: 'o1' } },
        NewImage: { PK: { S: 'P#o1' }, SK: { S: 'o1' }, type: { S: 'Outbox' } },
        SequenceNumber: expect.any(String),
        SizeBytes: expect.any(Number),
        StreamViewType: 'NEW_IMAGE',
      },
    });
    expect(h.recorded.invocations[0]?.functionRef).toMatch(/function:spendwise-expenses-dev-relayOutbox$/);
  });

  it('keeps reading a fresh table whose stream has no record yet, and delivers its first write', async () => {
    const h = await setUp(() => ok());
    await createMapping(h, {});
    await pause(600);

    await h.put('first');
    await waitFor(() => h.recorded.invocations.length >= 1);

    expect(h.recorded.messages.filter((m) => m.includes('failed'))).toEqual([]);
    expect(keysOf((h.recorded.invocations[0]!.payload as { Records: LambdaStreamRecord[] }).Records)).toEqual(
      ['first'],
    );
  });

  it('resumes from the sequence number reported in batchItemFailures', async () => {
    const h = await setUp((records, call) =>
      call === 0
        ? ok({ batchItemFailures: [{ itemIdentifier: records[1]?.dynamodb.SequenceNumber }] })
        : ok(),
    );
    for (const id of ['r1', 'r2', 'r3']) await h.put(id);

    await createMapping(h, { FunctionResponseTypes: ['ReportBatchItemFailures'], MaximumRetryAttempts: 3 });
    await waitFor(() => h.recorded.invocations.length >= 2);
    await pause(200);

    const batches = h.recorded.invocations.map((i) =>
      keysOf((i.payload as { Records: LambdaStreamRecord[] }).Records),
    );
    expect(batches).toEqual([
      ['r1', 'r2', 'r3'],
      ['r2', 'r3'],
    ]);
    expect(h.recorded.sent).toEqual([]);
  });

  it('retries a failing batch MaximumRetryAttempts times, then sends the on-failure record to SQS', async () => {
    const h = await setUp(() => failed);
    for (const id of ['r1', 'r2']) await h.put(id);

    await createMapping(h, {
      MaximumRetryAttempts: 2,
      DestinationConfig: { OnFailure: { Destination: QUEUE_ARN } },
    });
    await waitFor(() => h.recorded.sent.length >= 1);

    expect(h.recorded.invocations).toHaveLength(3);
    const [sent] = h.recorded.sent;
    expect(sent?.queueRef).toBe(QUEUE_ARN);
    const record = JSON.parse(sent?.message.body ?? '{}');
    const sequences = (h.recorded.invocations[0]!.payload as { Records: LambdaStreamRecord[] }).Records.map(
      (r) => r.dynamodb.SequenceNumber,
    );
    expect(record).toEqual({
      requestContext: {
        requestId: expect.any(String),
        functionArn: 'arn:aws:lambda:eu-west-1:000000000000:function:spendwise-expenses-dev-relayOutbox',
        condition: 'RetryAttemptsExhausted',
        approximateInvokeCount: 3,
      },
      responseContext: { statusCode: 200, executedVersion: '$LATEST', functionError: 'Unhandled' },
      version: '1.0',
      timestamp: expect.any(String),
      DDBStreamBatchInfo: {
        shardId: expect.stringMatching(/^shardId-/),
        startSequenceNumber: sequences[0],
        endSequenceNumber: sequences[1],
        approximateArrivalOfFirstRecord: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/),
        approximateArrivalOfLastRecord: expect.stringMatching(/Z$/),
        batchSize: 2,
        streamArn: h.streamArn,
      },
    });
  });

  it('bisects a failing batch so only the poison record is discarded', async () => {
    const h = await setUp((records) => (keysOf(records).includes('r3') ? failed : ok()));
    for (const id of ['r1', 'r2', 'r3', 'r4']) await h.put(id);

    await createMapping(h, {
      MaximumRetryAttempts: 1,
      BisectBatchOnFunctionError: true,
      DestinationConfig: { OnFailure: { Destination: QUEUE_ARN } },
    });
    await waitFor(() => h.recorded.sent.length >= 1);
    await pause(200);

    const delivered = h.recorded.invocations
      .map((i) => keysOf((i.payload as { Records: LambdaStreamRecord[] }).Records))
      .filter((keys) => !keys.includes('r3'));
    expect(delivered.flat()).toEqual(['r1', 'r2', 'r4']);
    expect(JSON.parse(h.recorded.sent[0]?.message.body ?? '{}').DDBStreamBatchInfo.batchSize).toBe(1);
    expect(h.recorded.sent).toHaveLength(1);
  });

  it('puts the IteratorAge metric of the function after each batch', async () => {
    const h = await setUp(() => ok());
    await h.put('m1');

    await createMapping(h, {});
    await waitFor(() => h.recorded.metrics.length >= 1);

    expect(h.recorded.metrics[0]).toMatchObject({
      namespace: 'AWS/Lambda',
      name: 'IteratorAge',
      dimensions: { FunctionName: 'spendwise-expenses-dev-relayOutbox' },
      unit: 'Milliseconds',
    });
    expect(h.recorded.metrics[0]?.value).toBeGreaterThanOrEqual(0);
  });

  it('reports the settings it cannot honour by name', async () => {
    const h = await setUp(() => ok());

    await createMapping(h, { ParallelizationFactor: 4, TumblingWindowInSeconds: 60 });

    expect(h.recorded.unsupported.map((u) => u.property).sort()).toEqual([
      'ParallelizationFactor',
      'TumblingWindowInSeconds',
    ]);
  });

  it('settles once every record written so far is delivered, retries included, on a fresh stream too', async () => {
    let failuresLeft = 2;
    const h = await setUp(() => (failuresLeft-- > 0 ? failed : ok()));
    await createMapping(h, {});
    await h.engine.settled();

    await h.put('a');
    await h.put('b');
    await h.engine.settled();
    const afterTwo = keysOf(
      h.recorded.invocations.flatMap((i) => (i.payload as { Records: LambdaStreamRecord[] }).Records),
    );
    await h.put('c');
    await h.engine.settled();

    const delivered = h.recorded.invocations.flatMap(
      (i) => (i.payload as { Records: LambdaStreamRecord[] }).Records,
    );
    expect(afterTwo.slice(-2)).toEqual(['a', 'b']);
    expect(keysOf(delivered).at(-1)).toBe('c');
    expect(failuresLeft).toBeLessThan(0);
    expect(h.engine.activity().busy).toEqual([]);
  });
});
