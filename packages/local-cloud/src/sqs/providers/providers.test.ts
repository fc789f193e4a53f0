import { describe, expect, it } from '@jest/globals';
import type { ResolvedResource } from '../../core/resources';
import { sqsHarness } from '../testing/sqsHarness';

const resource = (
  logicalId: string,
  type: string,
  properties: Record<string, unknown>,
  stack = 'expenses',
): ResolvedResource => ({
  stack,
  stackDir: `/repo/services/${stack}`,
  logicalId,
  type,
  properties,
});

function providers() {
  const h = sqsHarness();
  const [queues, policies, mappings] = h.engine.providers();
  return { ...h, queues: queues!, policies: policies!, mappings: mappings! };
}

describe('SQS resource providers', () => {
  it('creates a named queue with its attributes and a redrive policy given as an object', async () => {
    const p = providers();
    const dlq = await p.queues.create(resource('Dlq', 'AWS::SQS::Queue', { QueueName: 'work-dlq' }), p.cloud);

    const created = await p.queues.create(
      resource('Work', 'AWS::SQS::Queue', {
        QueueName: 'work',
        VisibilityTimeout: 45,
        RedrivePolicy: { deadLetterTargetArn: dlq.attributes.Arn, maxReceiveCount: 4 },
        SqsManagedSseEnabled: true,
      }),
      p.cloud,
    );

    expect(created).toEqual({
      ref: 'http://127.0.0.1:4566/000000000000/work',
      attributes: {
        Arn: 'arn:aws:sqs:eu-west-1:000000000000:work',
        QueueName: 'work',
        QueueUrl: created.ref,
      },
    });
    expect(p.engine.queues().find((q) => q.name === 'work')).toMatchObject({
      dlq: 'work-dlq',
      deadLetterQueueArn: dlq.attributes.Arn,
      maxReceiveCount: 4,
    });
    expect(p.engine.registry.require('work').seconds('VisibilityTimeout')).toBe(45);
    expect(p.recorded.unsupported).toEqual([]);
  });

  it('generates <stack>-<logicalId>-<random> for a queue without QueueName', async () => {
    const p = providers();

    const created = await p.queues.create(resource('InboxQueue', 'AWS::SQS::Queue', {}), p.cloud);

    expect(created.attributes.QueueName).toMatch(/^expenses-InboxQueue-[A-Z0-9]{12}$/);
  });

  it('reports a FIFO queue by name and runs it as a standard queue', async () => {
    const p = providers();

    await p.queues.create(
      resource('Orders', 'AWS::SQS::Queue', {
        QueueName: 'orders.fifo',
        FifoQueue: true,
        ContentBasedDeduplication: true,
      }),
      p.cloud,
    );

    expect(p.recorded.unsupported.map((u) => u.property)).toEqual(['FifoQueue', 'ContentBasedDeduplication']);
    expect(p.engine.has('orders.fifo')).toBe(true);
  });

  it('reports that queue policies are not enforced once per stack', async () => {
    const p = providers();
    const policy = { Queues: ['x'], PolicyDocument: {} };

    await p.policies.create(resource('P1', 'AWS::SQS::QueuePolicy', policy), p.cloud);
    await p.policies.create(resource('P2', 'AWS::SQS::QueuePolicy', policy), p.cloud);
    await p.policies.create(resource('P3', 'AWS::SQS::QueuePolicy', policy, 'platform'), p.cloud);

    expect(p.recorded.unsupported.map((u) => `${u.stack}/${u.logicalId}`)).toEqual([
      'expenses/P1',
      'platform/P3',
    ]);
  });

  it('accepts only event source mappings whose source is an SQS queue', () => {
    const p = providers();

    const sqs = p.mappings.accepts?.(
      resource('M', 'AWS::Lambda::EventSourceMapping', {
        EventSourceArn: 'arn:aws:sqs:eu-west-1:000000000000:q',
      }),
    );
    const stream = p.mappings.accepts?.(
      resource('M', 'AWS::Lambda::EventSourceMapping', {
        EventSourceArn: 'arn:aws:dynamodb:eu-west-1:000000000000:table/t/stream/2026',
      }),
    );

    expect([sqs, stream]).toEqual([true, false]);
  });

  it('starts a poller with the mapping settings and reports stream-only properties', async () => {
    const p = providers();
    p.engine.registry.create('q');

    const created = await p.mappings.create(
      resource('Consume', 'AWS::Lambda::EventSourceMapping', {
        EventSourceArn: 'arn:aws:sqs:eu-west-1:000000000000:q',
        FunctionName: 'arn:aws:lambda:eu-west-1:000000000000:function:consume',
        BatchSize: 25,
        MaximumBatchingWindowInSeconds: 2,
        ScalingConfig: { MaximumConcurrency: 3 },
        FunctionResponseTypes: ['ReportBatchItemFailures'],
        StartingPosition: 'LATEST',
      }),
      p.cloud,
    );
    const running = p.engine.mappings();
    await p.engine.stop();

    expect(running).toEqual([
      expect.objectContaining({
        uuid: created.ref,
        functionRef: 'arn:aws:lambda:eu-west-1:000000000000:function:consume',
        batchSize: 25,
        batchingWindowSeconds: 2,
        concurrency: 3,
        reportBatchItemFailures: true,
        enabled: true,
      }),
    ]);
    expect(p.recorded.unsupported.map((u) => u.property)).toEqual(['StartingPosition']);
  });

  it('refuses a mapping whose queue does not exist', async () => {
    const p = providers();

    const creating = p.mappings.create(
      resource('Consume', 'AWS::Lambda::EventSourceMapping', {
        EventSourceArn: 'arn:aws:sqs:eu-west-1:000000000000:nope',
        FunctionName: 'consume',
      }),
      p.cloud,
    );

    await expect(creating).rejects.toThrow('does not exist');
  });
});
