import { appendFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { fakeCloud } from '../testing/fakeCloud';
import { ManualClock } from './clock';
import { SqsEngine } from './engine';
import { replayMessages } from './persistence';
import { sqsRequest } from './testing/sqsHarness';

const DLQ_ARN = 'arn:aws:sqs:eu-west-1:000000000000:orders-dlq';

/** An engine keeping its messages under `dir`; a second one on the same dir is the restart after a crash. */
function engineOn(dir: string, clock: ManualClock) {
  const { cloud } = fakeCloud();
  const engine = new SqsEngine(cloud, { clock, persistDir: dir });
  cloud.sqs = engine;
  // biome-ignore lint/suspicious/noExplicitAny: API answers are loosely typed JSON in tests.
  const call = async (action: string, body: object = {}): Promise<any> =>
    (await engine.handle(sqsRequest(action, body))).body;
  /** What a deployment does on every start: the same queues, created again by name. */
  const deploy = async () => {
    const { QueueUrl: dlqUrl } = await call('CreateQueue', { QueueName: 'orders-dlq' });
    const { QueueUrl: url } = await call('CreateQueue', {
      QueueName: 'orders',
      Attributes: {
        VisibilityTimeout: '30',
        RedrivePolicy: JSON.stringify({ deadLetterTargetArn: DLQ_ARN, maxReceiveCount: 2 }),
      },
    });
    return { url: url as string, dlqUrl: dlqUrl as string };
  };
  const receive = (url: string) =>
    call('ReceiveMessage', { QueueUrl: url, MaxNumberOfMessages: 10, MessageSystemAttributeNames: ['All'] });
  return { engine, call, deploy, receive };
}

describe('SQS messages across a crash', () => {
  it('come back with their ids, bodies, attributes, receive counts, delays and visibility deadlines', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sqs-persist-'));
    const clock = new ManualClock();
    const before = engineOn(dir, clock);
    const { url } = await before.deploy();
    await before.call('SendMessage', {
      QueueUrl: url,
      MessageBody: 'in flight',
      MessageAttributes: { kind: { DataType: 'String', StringValue: 'a' } },
    });
    const inFlight = (await before.receive(url)).Messages[0];
    await before.call('SendMessage', { QueueUrl: url, MessageBody: 'delayed', DelaySeconds: 10 });
    await before.call('SendMessage', { QueueUrl: url, MessageBody: 'deleted' });
    const toDelete = (await before.receive(url)).Messages[0];
    await before.call('DeleteMessage', { QueueUrl: url, ReceiptHandle: toDelete.ReceiptHandle });
    await before.call('SendMessage', { QueueUrl: url, MessageBody: 'visible' });
    // The process is killed: no stop, no flush.

    await clock.advance(5_000);
    const after = engineOn(dir, clock);
    const { url: url2 } = await after.deploy();
    expect(after.engine.resume()).toEqual({ restored: 3, dropped: 0 });
    expect(after.engine.queues().find((q) => q.name === 'orders')).toMatchObject({
      visible: 1,
      inFlight: 1,
      delayed: 1,
    });
    expect((await after.receive(url2)).Messages.map((m: { Body: string }) => m.Body)).toEqual(['visible']);

    await clock.advance(25_000);
    const redelivered = (await after.receive(url2)).Messages;
    expect(redelivered.map((m: { Body: string }) => m.Body).sort()).toEqual(['delayed', 'in flight']);
    const again = redelivered.find((m: { Body: string }) => m.Body === 'in flight');
    expect(again.MessageId).toBe(inFlight.MessageId);
    expect(again.Attributes.ApproximateReceiveCount).toBe('2');
    expect(again.MessageAttributes).toEqual(inFlight.MessageAttributes);
    // A receipt handle from before the crash still deletes, as SQS allows for earlier handles.
    await after.call('DeleteMessage', { QueueUrl: url2, ReceiptHandle: inFlight.ReceiptHandle });
    await clock.advance(30_000);
    const bodies = (await after.receive(url2)).Messages.map((m: { Body: string }) => m.Body);
    expect(bodies.sort()).toEqual(['delayed', 'visible']);
  });

  it('keeps a dead-letter queue’s contents and the receive counts that send messages there', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sqs-persist-'));
    const clock = new ManualClock();
    const before = engineOn(dir, clock);
    const { url, dlqUrl } = await before.deploy();
    await before.call('SendMessage', { QueueUrl: url, MessageBody: 'poison' });
    await before.call('SendMessage', { QueueUrl: url, MessageBody: 'twice' });
    await before.receive(url);
    await clock.advance(30_000);
    await before.receive(url);
    await clock.advance(30_000);
    await before.call('SendMessage', { QueueUrl: url, MessageBody: 'fresh' });
    // 'poison' and 'twice' have been received twice: the next receive moves them to the DLQ.
    const moved = await before.receive(url);
    expect(moved.Messages.map((m: { Body: string }) => m.Body)).toEqual(['fresh']);

    const after = engineOn(dir, clock);
    const { dlqUrl: dlq2 } = await after.deploy();
    after.engine.resume();
    const dead = await after.receive(dlq2);
    expect(dlqUrl).toBe(dlq2);
    expect(dead.Messages.map((m: { Body: string }) => m.Body)).toEqual(['poison', 'twice']);
    expect(dead.Messages[0].Attributes.DeadLetterQueueSourceArn).toBe(
      'arn:aws:sqs:eu-west-1:000000000000:orders',
    );
    expect(after.engine.queues().find((q) => q.name === 'orders')).toMatchObject({ inFlight: 1 });
  });

  it('forgets purged queues, and drops with a line the messages of a queue not created again', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sqs-persist-'));
    const clock = new ManualClock();
    const before = engineOn(dir, clock);
    const { url } = await before.deploy();
    const { QueueUrl: scratch } = await before.call('CreateQueue', { QueueName: 'scratch' });
    await before.call('SendMessage', { QueueUrl: scratch, MessageBody: 'made through the API' });
    await before.call('SendMessage', { QueueUrl: url, MessageBody: 'purged' });
    await before.call('PurgeQueue', { QueueUrl: url });

    const { cloud } = fakeCloud();
    const messages: string[] = [];
    cloud.log = (line) => void messages.push(line);
    const after = new SqsEngine(cloud, { clock, persistDir: dir });
    after.registry.create('orders-dlq');
    after.registry.create('orders');

    expect(after.resume()).toEqual({ restored: 0, dropped: 1 });
    expect(messages).toEqual([
      'sqs: 1 saved message(s) of queue scratch, which no longer exists, were dropped',
    ]);
    expect(new SqsEngine(cloud, { clock, persistDir: dir }).resume()).toEqual({ restored: 0, dropped: 0 });
  });

  it('reads a journal whose last line a crash cut short', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sqs-persist-'));
    const clock = new ManualClock();
    const before = engineOn(dir, clock);
    const { url } = await before.deploy();
    await before.call('SendMessage', { QueueUrl: url, MessageBody: 'kept' });
    appendFileSync(join(dir, 'sqs', 'messages.jsonl'), '{"t":"put","q":"orders","m":{"messageId":"x","bo');

    const after = engineOn(dir, clock);
    const { url: url2 } = await after.deploy();
    expect((await after.receive(url2)).Messages.map((m: { Body: string }) => m.Body)).toEqual(['kept']);
  });

  it('replays records in order: a receive after the put, a delete after both', () => {
    const message = {
      messageId: 'm',
      body: 'b',
      md5OfBody: '',
      attributes: {},
      sentAt: 1,
      senderId: 's',
      delayedUntil: 1,
      invisibleUntil: 0,
      receiveCount: 0,
    };
    const queues = replayMessages([
      { t: 'put', q: 'a', m: message },
      { t: 'recv', q: 'a', id: 'm', n: 1, f: 5, v: 35 },
      { t: 'vis', q: 'a', id: 'm', v: 50 },
      { t: 'put', q: 'b', m: { ...message, messageId: 'n' } },
      { t: 'del', q: 'b', id: 'n' },
    ]);

    expect([...queues.keys()]).toEqual(['a']);
    expect(queues.get('a')?.get('m')).toMatchObject({
      receiveCount: 1,
      firstReceivedAt: 5,
      invisibleUntil: 50,
    });
  });
});
