import { describe, expect, it } from '@jest/globals';
import { sqsHarness } from './testing/sqsHarness';

async function queueWithDlq(maxReceiveCount = 2) {
  const h = sqsHarness();
  const { QueueUrl: dlqUrl } = await h.call('CreateQueue', { QueueName: 'orders-dlq' });
  const { QueueUrl: url } = await h.call('CreateQueue', {
    QueueName: 'orders',
    Attributes: {
      VisibilityTimeout: '30',
      RedrivePolicy: JSON.stringify({
        deadLetterTargetArn: 'arn:aws:sqs:eu-west-1:000000000000:orders-dlq',
        maxReceiveCount,
      }),
    },
  });
  return { ...h, url, dlqUrl };
}

const receive = (h: ReturnType<typeof sqsHarness>, url: string, extra: object = {}) =>
  h.call('ReceiveMessage', {
    QueueUrl: url,
    MaxNumberOfMessages: 10,
    MessageSystemAttributeNames: ['All'],
    ...extra,
  });

describe('SQS queue semantics', () => {
  it('hides a received message for the visibility timeout and then delivers it again', async () => {
    const h = await queueWithDlq(5);
    await h.call('SendMessage', { QueueUrl: h.url, MessageBody: 'hello' });
    const first = await receive(h, h.url);

    await h.clock.advance(29_999);
    const during = await receive(h, h.url);
    await h.clock.advance(1);
    const after = await receive(h, h.url);

    expect(first.Messages).toHaveLength(1);
    expect(during.Messages).toBeUndefined();
    expect(after.Messages[0].MessageId).toBe(first.Messages[0].MessageId);
    expect(after.Messages[0].Attributes.ApproximateReceiveCount).toBe('2');
    expect(after.Messages[0].ReceiptHandle).not.toBe(first.Messages[0].ReceiptHandle);
  });

  it("shortens visibility timeouts by the engine's time scale", async () => {
    const h = sqsHarness({ visibilityTimeScale: 0.1 });
    const { QueueUrl: url } = await h.call('CreateQueue', {
      QueueName: 'scaled',
      Attributes: { VisibilityTimeout: '30' },
    });
    await h.call('SendMessage', { QueueUrl: url, MessageBody: 'hello' });
    await receive(h, url);

    await h.clock.advance(2_999);
    const during = await receive(h, url);
    await h.clock.advance(1);
    const after = await receive(h, url);

    expect(during.Messages).toBeUndefined();
    expect(after.Messages).toHaveLength(1);
  });

  it('uses the VisibilityTimeout given to ReceiveMessage instead of the queue one', async () => {
    const h = await queueWithDlq(5);
    await h.call('SendMessage', { QueueUrl: h.url, MessageBody: 'hello' });
    await receive(h, h.url, { VisibilityTimeout: 5 });

    await h.clock.advance(5_000);
    const again = await receive(h, h.url);

    expect(again.Messages).toHaveLength(1);
  });

  it('keeps a delayed message invisible until its delay passes and counts it as delayed', async () => {
    const h = await queueWithDlq();
    await h.call('SendMessage', { QueueUrl: h.url, MessageBody: 'later', DelaySeconds: 10 });

    const early = await receive(h, h.url);
    const { Attributes } = await h.call('GetQueueAttributes', { QueueUrl: h.url, AttributeNames: ['All'] });
    await h.clock.advance(10_000);
    const onTime = await receive(h, h.url);

    expect(early.Messages).toBeUndefined();
    expect(Attributes.ApproximateNumberOfMessagesDelayed).toBe('1');
    expect(onTime.Messages[0].Body).toBe('later');
  });

  it('applies the queue DelaySeconds when the message gives none', async () => {
    const h = sqsHarness();
    const { QueueUrl } = await h.call('CreateQueue', {
      QueueName: 'slow',
      Attributes: { DelaySeconds: '3' },
    });
    await h.call('SendMessage', { QueueUrl, MessageBody: 'x' });

    const early = await receive(h, QueueUrl);
    await h.clock.advance(3_000);
    const later = await receive(h, QueueUrl);

    expect(early.Messages).toBeUndefined();
    expect(later.Messages).toHaveLength(1);
  });

  it('reports system attributes: receive count, sent and first receive timestamps', async () => {
    const h = await queueWithDlq(5);
    const sentAt = h.clock.now();
    await h.call('SendMessage', { QueueUrl: h.url, MessageBody: 'x' });
    await h.clock.advance(2_000);
    await receive(h, h.url, { VisibilityTimeout: 0 });
    await h.clock.advance(1_000);

    const [message] = (await receive(h, h.url)).Messages;

    expect(message.Attributes).toMatchObject({
      ApproximateReceiveCount: '2',
      SentTimestamp: String(sentAt),
      ApproximateFirstReceiveTimestamp: String(sentAt + 2_000),
      SenderId: '000000000000',
    });
  });

  it('moves a message to the DLQ when it would be received more than maxReceiveCount times', async () => {
    const h = await queueWithDlq(2);
    await h.call('SendMessage', { QueueUrl: h.url, MessageBody: 'poison' });
    await receive(h, h.url, { VisibilityTimeout: 0 });
    const second = await receive(h, h.url, { VisibilityTimeout: 0 });
    const counts = await h.call('GetQueueAttributes', {
      QueueUrl: h.url,
      AttributeNames: ['ApproximateNumberOfMessages'],
    });

    const third = await receive(h, h.url);
    const [inDlq] = (await receive(h, h.dlqUrl)).Messages;

    expect(second.Messages).toHaveLength(1);
    expect(counts.Attributes.ApproximateNumberOfMessages).toBe('1');
    expect(third.Messages).toBeUndefined();
    expect(inDlq.MessageId).toBe(second.Messages[0].MessageId);
    expect(inDlq.Body).toBe('poison');
    expect(inDlq.Attributes.DeadLetterQueueSourceArn).toBe('arn:aws:sqs:eu-west-1:000000000000:orders');
  });

  it('deletes a message by receipt handle so it is never delivered again', async () => {
    const h = await queueWithDlq(5);
    await h.call('SendMessage', { QueueUrl: h.url, MessageBody: 'done' });
    const [message] = (await receive(h, h.url)).Messages;

    await h.call('DeleteMessage', { QueueUrl: h.url, ReceiptHandle: message.ReceiptHandle });
    await h.clock.advance(60_000);

    expect((await receive(h, h.url)).Messages).toBeUndefined();
    expect(h.engine.queues().find((q) => q.name === 'orders')).toMatchObject({
      visible: 0,
      inFlight: 0,
      delayed: 0,
    });
  });

  it('makes a message visible at once when its visibility is changed to zero', async () => {
    const h = await queueWithDlq(5);
    await h.call('SendMessage', { QueueUrl: h.url, MessageBody: 'retry' });
    const [message] = (await receive(h, h.url)).Messages;

    await h.call('ChangeMessageVisibility', {
      QueueUrl: h.url,
      ReceiptHandle: message.ReceiptHandle,
      VisibilityTimeout: 0,
    });

    expect((await receive(h, h.url)).Messages).toHaveLength(1);
  });

  it('answers MessageNotInflight when changing the visibility of a message that is not in flight', async () => {
    const h = await queueWithDlq(5);
    await h.call('SendMessage', { QueueUrl: h.url, MessageBody: 'x' });
    const [message] = (await receive(h, h.url, { VisibilityTimeout: 1 })).Messages;
    await h.clock.advance(1_000);

    const error = await h.callError('ChangeMessageVisibility', {
      QueueUrl: h.url,
      ReceiptHandle: message.ReceiptHandle,
      VisibilityTimeout: 10,
    });

    expect(error.code).toBe('com.amazonaws.sqs#MessageNotInflight');
  });

  it('drops messages older than the retention period', async () => {
    const h = sqsHarness();
    const { QueueUrl } = await h.call('CreateQueue', {
      QueueName: 'short',
      Attributes: { MessageRetentionPeriod: '60' },
    });
    await h.call('SendMessage', { QueueUrl, MessageBody: 'old' });

    await h.clock.advance(60_000);

    expect((await receive(h, QueueUrl)).Messages).toBeUndefined();
  });

  it('answers a long poll as soon as a message is sent', async () => {
    const h = await queueWithDlq(5);
    const polling = receive(h, h.url, { WaitTimeSeconds: 20 });
    await h.clock.advance(5_000);

    await h.call('SendMessage', { QueueUrl: h.url, MessageBody: 'arrived' });

    expect((await polling).Messages[0].Body).toBe('arrived');
  });

  it('ends an empty long poll after WaitTimeSeconds', async () => {
    const h = await queueWithDlq(5);
    let answered = false;
    const polling = receive(h, h.url, { WaitTimeSeconds: 3 }).then((r) => {
      answered = true;
      return r;
    });

    await h.clock.advance(2_999);
    const before = answered;
    await h.clock.advance(1);

    expect(before).toBe(false);
    expect((await polling).Messages).toBeUndefined();
  });

  it('answers a long poll when an in-flight message becomes visible again', async () => {
    const h = await queueWithDlq(5);
    await h.call('SendMessage', { QueueUrl: h.url, MessageBody: 'again' });
    await receive(h, h.url, { VisibilityTimeout: 4 });
    const polling = receive(h, h.url, { WaitTimeSeconds: 20 });

    await h.clock.advance(4_000);

    expect((await polling).Messages[0].Attributes.ApproximateReceiveCount).toBe('2');
  });
});
