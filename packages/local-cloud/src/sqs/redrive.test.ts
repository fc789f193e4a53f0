import { describe, expect, it } from '@jest/globals';
import { sqsHarness } from './testing/sqsHarness';

const ARN = (name: string) => `arn:aws:sqs:eu-west-1:000000000000:${name}`;

/** A source queue with maxReceiveCount 1 and one message already moved to its DLQ. */
async function messageInDlq() {
  const h = sqsHarness();
  h.engine.registry.create('jobs-dlq');
  h.engine.registry.create('jobs', {
    RedrivePolicy: JSON.stringify({ deadLetterTargetArn: ARN('jobs-dlq'), maxReceiveCount: 1 }),
  });
  await h.engine.send('jobs', {
    body: 'poison',
    attributes: { kind: { DataType: 'String', StringValue: 'k' } },
  });
  await h.call('ReceiveMessage', { QueueUrl: 'jobs', VisibilityTimeout: 0 });
  await h.call('ReceiveMessage', { QueueUrl: 'jobs' });
  return h;
}

describe('DLQ redrive', () => {
  it('moves DLQ messages back to their source queue with a fresh receive count', async () => {
    const h = await messageInDlq();
    const before = h.engine.queues().map((q) => [q.name, q.visible]);

    const { TaskHandle } = await h.call('StartMessageMoveTask', { SourceArn: ARN('jobs-dlq') });
    const [message] = (
      await h.call('ReceiveMessage', {
        QueueUrl: 'jobs',
        MessageSystemAttributeNames: ['ApproximateReceiveCount'],
        MessageAttributeNames: ['All'],
      })
    ).Messages;

    expect(before).toEqual([
      ['jobs', 0],
      ['jobs-dlq', 1],
    ]);
    expect(TaskHandle).toEqual(expect.any(String));
    expect(message.Body).toBe('poison');
    expect(message.Attributes.ApproximateReceiveCount).toBe('1');
    expect(message.MessageAttributes.kind.StringValue).toBe('k');
  });

  it('lists the completed task with its counts', async () => {
    const h = await messageInDlq();
    await h.call('StartMessageMoveTask', { SourceArn: ARN('jobs-dlq') });

    const { Results } = await h.call('ListMessageMoveTasks', { SourceArn: ARN('jobs-dlq') });

    expect(Results).toEqual([
      expect.objectContaining({
        Status: 'COMPLETED',
        SourceArn: ARN('jobs-dlq'),
        ApproximateNumberOfMessagesMoved: 1,
        ApproximateNumberOfMessagesToMove: 1,
      }),
    ]);
    expect(Results[0].TaskHandle).toBeUndefined();
  });

  it('moves to the given destination instead of the source', async () => {
    const h = await messageInDlq();
    h.engine.registry.create('elsewhere');

    await h.call('StartMessageMoveTask', { SourceArn: ARN('jobs-dlq'), DestinationArn: ARN('elsewhere') });

    expect(h.engine.queues().map((q) => [q.name, q.visible])).toEqual([
      ['elsewhere', 1],
      ['jobs', 0],
      ['jobs-dlq', 0],
    ]);
  });

  it('redrives a DLQ by name for the CLI', async () => {
    const h = await messageInDlq();

    const result = await h.engine.redrive('jobs-dlq');

    expect(result).toEqual({ moved: 1, stranded: 0, destination: 'jobs' });
    expect(h.engine.queues().find((q) => q.name === 'jobs')?.visible).toBe(1);
  });

  it('leaves messages sent straight to the DLQ in place and marks the task failed', async () => {
    const h = await messageInDlq();
    await h.engine.send('jobs-dlq', { body: 'no origin' });

    const result = await h.engine.redrive(ARN('jobs-dlq'));
    const { Results } = await h.call('ListMessageMoveTasks', { SourceArn: ARN('jobs-dlq') });

    expect(result).toMatchObject({ moved: 1, stranded: 1 });
    expect(Results[0]).toMatchObject({
      Status: 'FAILED',
      FailureReason: expect.stringContaining('DestinationArn'),
    });
  });
});

describe('SqsPort', () => {
  it('sends by ARN, URL or name and knows which queues exist', async () => {
    const h = sqsHarness();
    h.engine.registry.create('inbox');

    await h.engine.send(ARN('inbox'), { body: '1' });
    await h.engine.send('http://localhost:4566/000000000000/inbox', { body: '2' });
    await h.engine.send('inbox', { body: '3' });

    expect(h.engine.queues()[0]?.visible).toBe(3);
    expect([h.engine.has('inbox'), h.engine.has(ARN('other'))]).toEqual([true, false]);
  });

  it('rejects a send to a missing queue with QueueDoesNotExist', async () => {
    const h = sqsHarness();

    await expect(h.engine.send('missing', { body: 'x' })).rejects.toMatchObject({
      code: 'com.amazonaws.sqs#QueueDoesNotExist',
    });
  });
});
