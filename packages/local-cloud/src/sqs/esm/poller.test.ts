import { describe, expect, it } from '@jest/globals';
import type { SQSEvent } from 'aws-lambda';
import { settle } from '../clock';
import { md5Hex } from '../md5';
import { sqsHarness } from '../testing/sqsHarness';
import type { SqsMapping } from './poller';

const QUEUE_ARN = 'arn:aws:sqs:eu-west-1:000000000000:expenses';

async function setup(mapping: Partial<SqsMapping> = {}, maxReceiveCount = 3) {
  const h = sqsHarness();
  h.engine.registry.create('expenses-dlq');
  h.engine.registry.create('expenses', {
    VisibilityTimeout: '30',
    RedrivePolicy: JSON.stringify({ deadLetterTargetArn: `${QUEUE_ARN}-dlq`, maxReceiveCount }),
  });
  const full: SqsMapping = {
    uuid: 'mapping-1',
    functionRef: 'spendwise-local-consume',
    queueArn: QUEUE_ARN,
    batchSize: 10,
    batchingWindowSeconds: 0,
    concurrency: 2,
    reportBatchItemFailures: true,
    enabled: true,
    ...mapping,
  };
  const events = () => h.recorded.invocations.map((i) => i.payload as SQSEvent);
  const bodies = () => events().map((e) => e.Records.map((r) => r.body));
  const counts = (name: string) => h.engine.queues().find((q) => q.name === name)!;
  return { ...h, mapping: full, events, bodies, counts };
}

describe('SQS event source mapping', () => {
  it('redelivers only the reported failure, after the visibility timeout, until it lands in the DLQ', async () => {
    const t = await setup();
    t.answers.invoke = async (_ref, payload) => {
      const failed = (payload as SQSEvent).Records.filter((r) => r.body === 'bad');
      return {
        ok: true,
        result: { batchItemFailures: failed.map((r) => ({ itemIdentifier: r.messageId })) },
        durationMs: 1,
        coldStart: false,
      };
    };
    for (const body of ['good-1', 'bad', 'good-2']) await t.engine.send(QUEUE_ARN, { body });

    t.engine.attach(t.mapping);
    await settle();
    await t.clock.advance(29_999);
    const beforeTimeout = t.bodies();
    await t.clock.advance(1);
    const afterTimeout = t.bodies();
    await t.clock.advance(30_000);
    await t.clock.advance(30_000);
    await t.engine.stop();

    expect(beforeTimeout).toEqual([['good-1', 'bad', 'good-2']]);
    expect(afterTimeout).toEqual([['good-1', 'bad', 'good-2'], ['bad']]);
    expect(t.bodies()).toEqual([['good-1', 'bad', 'good-2'], ['bad'], ['bad']]);
    expect(t.events().map((e) => e.Records[0]?.attributes.ApproximateReceiveCount)).toEqual(['1', '2', '3']);
    expect(t.counts('expenses')).toMatchObject({ visible: 0, inFlight: 0, delayed: 0 });
    expect(t.counts('expenses-dlq').visible).toBe(1);
  });

  it('builds the Lambda SQS event Lambda sends', async () => {
    const t = await setup();
    await t.engine.send(QUEUE_ARN, {
      body: '{"a":1}',
      attributes: { userId: { DataType: 'String', StringValue: 'u1' } },
    });

    await t.engine.attach(t.mapping).pollOnce(t.engine.registry.require(QUEUE_ARN));
    await t.engine.stop();

    const [record] = t.events()[0]!.Records;
    expect(t.recorded.invocations[0]?.functionRef).toBe('spendwise-local-consume');
    expect(record).toMatchObject({
      body: '{"a":1}',
      md5OfBody: md5Hex('{"a":1}'),
      eventSource: 'aws:sqs',
      eventSourceARN: QUEUE_ARN,
      awsRegion: 'eu-west-1',
      attributes: { ApproximateReceiveCount: '1', SenderId: '000000000000' },
      messageAttributes: {
        userId: { stringValue: 'u1', stringListValues: [], binaryListValues: [], dataType: 'String' },
      },
    });
    expect(record?.receiptHandle).toEqual(expect.any(String));
    expect(record?.md5OfMessageAttributes).toMatch(/^[0-9a-f]{32}$/);
  });

  it('deletes nothing when the function fails, so the whole batch comes back after the visibility timeout', async () => {
    const t = await setup({ enabled: false });
    t.answers.invoke = async () => ({
      ok: false,
      errorType: 'Error',
      errorMessage: 'boom',
      durationMs: 1,
      coldStart: false,
    });
    await t.engine.send(QUEUE_ARN, { body: 'one' });
    await t.engine.send(QUEUE_ARN, { body: 'two' });
    const poller = t.engine.attach(t.mapping);
    const queue = t.engine.registry.require(QUEUE_ARN);

    const result = await poller.pollOnce(queue);
    const during = t.counts('expenses');
    await t.clock.advance(30_000);

    expect(result?.deleteIds).toEqual([]);
    expect(during).toMatchObject({ visible: 0, inFlight: 2 });
    expect(t.counts('expenses')).toMatchObject({ visible: 2, inFlight: 0 });
  });

  it('deletes the messages FilterCriteria rejects without invoking the function for them', async () => {
    const t = await setup({
      enabled: false,
      filters: [{ Pattern: '{"body":{"type":["ExpenseRecorded"]}}' }],
    });
    await t.engine.send(QUEUE_ARN, { body: '{"type":"ExpenseRecorded"}' });
    await t.engine.send(QUEUE_ARN, { body: '{"type":"BudgetSet"}' });
    await t.engine.send(QUEUE_ARN, { body: 'not json' });

    const result = await t.engine.attach(t.mapping).pollOnce(t.engine.registry.require(QUEUE_ARN));

    expect(t.bodies()).toEqual([['{"type":"ExpenseRecorded"}']]);
    expect(result?.filteredIds).toHaveLength(2);
    expect(t.counts('expenses')).toMatchObject({ visible: 0, inFlight: 0 });
  });

  it('does not invoke the function when every message is filtered out', async () => {
    const t = await setup({ enabled: false, filters: [{ Pattern: '{"body":{"type":["Nothing"]}}' }] });
    await t.engine.send(QUEUE_ARN, { body: '{"type":"BudgetSet"}' });

    const result = await t.engine.attach(t.mapping).pollOnce(t.engine.registry.require(QUEUE_ARN));

    expect(result?.invoked).toBe(false);
    expect(t.recorded.invocations).toHaveLength(0);
    expect(t.counts('expenses').visible + t.counts('expenses').inFlight).toBe(0);
  });

  it('waits for the batching window to fill a batch', async () => {
    const t = await setup({ enabled: false, batchingWindowSeconds: 5 });
    await t.engine.send(QUEUE_ARN, { body: 'first' });
    const polling = t.engine.attach(t.mapping).pollOnce(t.engine.registry.require(QUEUE_ARN));

    await t.clock.advance(2_000);
    await t.engine.send(QUEUE_ARN, { body: 'second' });
    await t.clock.advance(2_999);
    const invokedEarly = t.recorded.invocations.length;
    await t.clock.advance(1);
    await polling;

    expect(invokedEarly).toBe(0);
    expect(t.bodies()).toEqual([['first', 'second']]);
  });

  it('runs at most MaximumConcurrency batches at once', async () => {
    const t = await setup({ batchSize: 1, concurrency: 2 });
    const release: (() => void)[] = [];
    t.answers.invoke = () =>
      new Promise((resolve) =>
        release.push(() => resolve({ ok: true, result: null, durationMs: 1, coldStart: false })),
      );
    for (const body of ['a', 'b', 'c']) await t.engine.send(QUEUE_ARN, { body });

    t.engine.attach(t.mapping);
    await settle();
    const inParallel = t.recorded.invocations.length;
    for (const done of release.splice(0)) done();
    await settle();
    const afterRelease = t.recorded.invocations.length;
    for (const done of release.splice(0)) done();
    await t.engine.stop();

    expect(inParallel).toBe(2);
    expect(afterRelease).toBe(3);
  });

  it('stops polling when stopped', async () => {
    const t = await setup();
    t.engine.attach(t.mapping);
    await settle();

    await t.engine.stop();
    await t.engine.send(QUEUE_ARN, { body: 'after stop' });
    await t.clock.advance(60_000);

    expect(t.recorded.invocations).toHaveLength(0);
    expect(t.counts('expenses').visible).toBe(1);
  });

  it('does not poll a disabled mapping', async () => {
    const t = await setup({ enabled: false });
    await t.engine.send(QUEUE_ARN, { body: 'waiting' });

    t.engine.attach(t.mapping);
    await t.clock.advance(60_000);

    expect(t.recorded.invocations).toHaveLength(0);
  });
});
