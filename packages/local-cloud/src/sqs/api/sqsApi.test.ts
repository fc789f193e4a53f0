import { describe, expect, it } from '@jest/globals';
import { sqsHarness, sqsRequest } from '../testing/sqsHarness';

const DLQ_ARN = 'arn:aws:sqs:eu-west-1:000000000000:work-dlq';

describe('SQS JSON API', () => {
  it('answers an unknown queue with QueueDoesNotExist and the query error header the SDK maps', async () => {
    const h = sqsHarness();

    const error = await h.callError('GetQueueUrl', { QueueName: 'missing' });

    expect(error.status).toBe(400);
    expect(error.code).toBe('com.amazonaws.sqs#QueueDoesNotExist');
    expect(error.headers['x-amzn-query-error']).toBe('AWS.SimpleQueueService.NonExistentQueue;Sender');
  });

  it('gives queue URLs on the local endpoint and returns the same URL for an identical CreateQueue', async () => {
    const h = sqsHarness();

    const first = await h.call('CreateQueue', { QueueName: 'jobs', Attributes: { VisibilityTimeout: '10' } });
    const again = await h.call('CreateQueue', { QueueName: 'jobs', Attributes: { VisibilityTimeout: '10' } });
    const byName = await h.call('GetQueueUrl', { QueueName: 'jobs' });

    expect(first.QueueUrl).toBe('http://127.0.0.1:4566/000000000000/jobs');
    expect(again.QueueUrl).toBe(first.QueueUrl);
    expect(byName.QueueUrl).toBe(first.QueueUrl);
  });

  it('refuses CreateQueue for an existing name with different attributes', async () => {
    const h = sqsHarness();
    await h.call('CreateQueue', { QueueName: 'jobs', Attributes: { VisibilityTimeout: '10' } });

    const error = await h.callError('CreateQueue', {
      QueueName: 'jobs',
      Attributes: { VisibilityTimeout: '20' },
    });

    expect(error.code).toBe('com.amazonaws.sqs#QueueNameExists');
  });

  it('refuses FIFO queues by name as unsupported', async () => {
    const h = sqsHarness();

    const error = await h.callError('CreateQueue', {
      QueueName: 'orders.fifo',
      Attributes: { FifoQueue: 'true' },
    });

    expect(error.code).toBe('com.amazonaws.sqs#UnsupportedOperation');
    expect(error.message).toContain('orders.fifo');
  });

  it('lists queues by prefix and pages with MaxResults', async () => {
    const h = sqsHarness();
    for (const name of ['a-1', 'a-2', 'a-3', 'b-1']) await h.call('CreateQueue', { QueueName: name });

    const page1 = await h.call('ListQueues', { QueueNamePrefix: 'a-', MaxResults: 2 });
    const page2 = await h.call('ListQueues', {
      QueueNamePrefix: 'a-',
      MaxResults: 2,
      NextToken: page1.NextToken,
    });

    expect(page1.QueueUrls.map((u: string) => u.split('/').at(-1))).toEqual(['a-1', 'a-2']);
    expect(page2.QueueUrls.map((u: string) => u.split('/').at(-1))).toEqual(['a-3']);
    expect(page2.NextToken).toBeUndefined();
  });

  it('returns every attribute for All, including the ARN and the normalised redrive policy', async () => {
    const h = sqsHarness();
    await h.call('CreateQueue', { QueueName: 'work-dlq' });
    const { QueueUrl } = await h.call('CreateQueue', {
      QueueName: 'work',
      Attributes: { RedrivePolicy: JSON.stringify({ deadLetterTargetArn: DLQ_ARN, maxReceiveCount: '3' }) },
    });

    const { Attributes } = await h.call('GetQueueAttributes', { QueueUrl, AttributeNames: ['All'] });

    expect(Attributes).toMatchObject({
      QueueArn: 'arn:aws:sqs:eu-west-1:000000000000:work',
      VisibilityTimeout: '30',
      ApproximateNumberOfMessages: '0',
      ApproximateNumberOfMessagesNotVisible: '0',
      RedrivePolicy: `{"deadLetterTargetArn":"${DLQ_ARN}","maxReceiveCount":3}`,
    });
  });

  it('answers InvalidAttributeName for an attribute SQS does not know', async () => {
    const h = sqsHarness();
    const { QueueUrl } = await h.call('CreateQueue', { QueueName: 'q' });

    const error = await h.callError('GetQueueAttributes', { QueueUrl, AttributeNames: ['Colour'] });

    expect(error.code).toBe('com.amazonaws.sqs#InvalidAttributeName');
  });

  it('refuses a redrive policy whose dead-letter queue does not exist', async () => {
    const h = sqsHarness();

    const error = await h.callError('CreateQueue', {
      QueueName: 'work',
      Attributes: { RedrivePolicy: JSON.stringify({ deadLetterTargetArn: DLQ_ARN, maxReceiveCount: 3 }) },
    });

    expect(error.code).toBe('com.amazonaws.sqs#InvalidParameterValue');
  });

  it('refuses a redrive policy the dead-letter queue RedriveAllowPolicy denies', async () => {
    const h = sqsHarness();
    await h.call('CreateQueue', {
      QueueName: 'work-dlq',
      Attributes: { RedriveAllowPolicy: '{"redrivePermission":"denyAll"}' },
    });
    const { QueueUrl } = await h.call('CreateQueue', { QueueName: 'work' });

    const error = await h.callError('SetQueueAttributes', {
      QueueUrl,
      Attributes: { RedrivePolicy: JSON.stringify({ deadLetterTargetArn: DLQ_ARN, maxReceiveCount: 3 }) },
    });

    expect(error.code).toBe('com.amazonaws.sqs#InvalidParameterValue');
  });

  it('returns the MD5 digests SQS computes for body and attributes', async () => {
    const h = sqsHarness();
    const { QueueUrl } = await h.call('CreateQueue', { QueueName: 'q' });

    const sent = await h.call('SendMessage', {
      QueueUrl,
      MessageBody: 'derp',
      MessageAttributes: {
        ccc: { DataType: 'String', StringValue: 'testjunk' },
        aaa: { DataType: 'Binary', BinaryValue: Buffer.from([2, 3, 4]).toString('base64') },
        zzz: { DataType: 'Number', StringValue: '0230.01' },
        öther_encodings: { DataType: 'String', StringValue: 'T\u00fcst' },
      },
    });

    // Digests AWS returns for these inputs, as pinned by moto's SQS test suite.
    expect(sent.MD5OfMessageBody).toBe('58fd9edd83341c29f1aebba81c31e257');
    expect(sent.MD5OfMessageAttributes).toBe('8ae21a7957029ef04146b42aeaa18a22');
  });

  it('returns only the message attributes asked for, by name or prefix', async () => {
    const h = sqsHarness();
    const { QueueUrl } = await h.call('CreateQueue', { QueueName: 'q' });
    await h.call('SendMessage', {
      QueueUrl,
      MessageBody: 'x',
      MessageAttributes: {
        'user.id': { DataType: 'String', StringValue: 'u1' },
        'user.role': { DataType: 'String', StringValue: 'admin' },
        trace: { DataType: 'String', StringValue: 't' },
      },
    });

    const { Messages } = await h.call('ReceiveMessage', { QueueUrl, MessageAttributeNames: ['user.*'] });

    expect(Object.keys(Messages[0].MessageAttributes).sort()).toEqual(['user.id', 'user.role']);
    expect(Messages[0].Attributes).toBeUndefined();
  });

  it('rejects MaxNumberOfMessages above 10', async () => {
    const h = sqsHarness();
    const { QueueUrl } = await h.call('CreateQueue', { QueueName: 'q' });

    const error = await h.callError('ReceiveMessage', { QueueUrl, MaxNumberOfMessages: 11 });

    expect(error.code).toBe('com.amazonaws.sqs#InvalidParameterValue');
  });

  it('reports failed batch entries one by one and sends the valid ones', async () => {
    const h = sqsHarness();
    const { QueueUrl } = await h.call('CreateQueue', { QueueName: 'q' });

    const result = await h.call('SendMessageBatch', {
      QueueUrl,
      Entries: [
        { Id: 'ok', MessageBody: 'fine' },
        { Id: 'bad', MessageBody: 'too late', DelaySeconds: 901 },
      ],
    });

    expect(result.Successful.map((e: { Id: string }) => e.Id)).toEqual(['ok']);
    expect(result.Failed).toEqual([
      expect.objectContaining({ Id: 'bad', SenderFault: true, Code: 'InvalidParameterValue' }),
    ]);
    expect(h.engine.queues()[0]?.visible).toBe(1);
  });

  it('rejects a batch whose entry ids repeat', async () => {
    const h = sqsHarness();
    const { QueueUrl } = await h.call('CreateQueue', { QueueName: 'q' });

    const error = await h.callError('SendMessageBatch', {
      QueueUrl,
      Entries: [
        { Id: 'a', MessageBody: '1' },
        { Id: 'a', MessageBody: '2' },
      ],
    });

    expect(error.code).toBe('com.amazonaws.sqs#BatchEntryIdsNotDistinct');
  });

  it('changes visibility in batches and flags an invalid receipt handle', async () => {
    const h = sqsHarness();
    const { QueueUrl } = await h.call('CreateQueue', { QueueName: 'q' });
    await h.call('SendMessage', { QueueUrl, MessageBody: 'x' });
    const [message] = (await h.call('ReceiveMessage', { QueueUrl })).Messages;

    const result = await h.call('ChangeMessageVisibilityBatch', {
      QueueUrl,
      Entries: [
        { Id: 'good', ReceiptHandle: message.ReceiptHandle, VisibilityTimeout: 0 },
        { Id: 'bad', ReceiptHandle: 'garbage', VisibilityTimeout: 0 },
      ],
    });

    expect(result.Successful).toEqual([{ Id: 'good' }]);
    expect(result.Failed[0]).toMatchObject({ Id: 'bad', Code: 'ReceiptHandleIsInvalid' });
    expect((await h.call('ReceiveMessage', { QueueUrl })).Messages).toHaveLength(1);
  });

  it('purges every message of a queue', async () => {
    const h = sqsHarness();
    const { QueueUrl } = await h.call('CreateQueue', { QueueName: 'q' });
    await h.call('SendMessage', { QueueUrl, MessageBody: 'x' });

    await h.call('PurgeQueue', { QueueUrl });

    expect(h.engine.queues()[0]).toMatchObject({ visible: 0, inFlight: 0 });
  });

  it('refuses to start a message move task from a queue that is nobody’s DLQ', async () => {
    const h = sqsHarness();
    await h.call('CreateQueue', { QueueName: 'plain' });

    const error = await h.callError('StartMessageMoveTask', {
      SourceArn: 'arn:aws:sqs:eu-west-1:000000000000:plain',
    });

    expect(error.code).toBe('com.amazonaws.sqs#InvalidParameterValue');
  });

  it('names the actions it does not implement', async () => {
    const h = sqsHarness();

    const error = await h.callError('AddPermission', { QueueUrl: 'x' });

    expect(error.code).toBe('com.amazonaws.sqs#UnsupportedOperation');
    expect(error.message).toContain('AddPermission');
  });

  it('refuses query-protocol requests with a clear message', async () => {
    const h = sqsHarness();

    const error = await h.engine
      .handle({ ...sqsRequest('ListQueues', {}), protocol: 'query' })
      .catch((e) => e);

    expect(error.message).toContain('JSON protocol');
  });
});

describe('SQS JSON API limits', () => {
  it('rejects a batch whose messages together exceed the maximum message size', async () => {
    const h = sqsHarness();
    const { QueueUrl } = await h.call('CreateQueue', {
      QueueName: 'q',
      Attributes: { MaximumMessageSize: '1024' },
    });

    const error = await h.callError('SendMessageBatch', {
      QueueUrl,
      Entries: [
        { Id: 'a', MessageBody: 'x'.repeat(600) },
        { Id: 'b', MessageBody: 'y'.repeat(600) },
      ],
    });

    expect(error.code).toBe('com.amazonaws.sqs#BatchRequestTooLong');
  });

  it('rejects a single message above the maximum message size', async () => {
    const h = sqsHarness();
    const { QueueUrl } = await h.call('CreateQueue', {
      QueueName: 'q',
      Attributes: { MaximumMessageSize: '1024' },
    });

    const error = await h.callError('SendMessage', { QueueUrl, MessageBody: 'x'.repeat(1025) });

    expect(error.code).toBe('com.amazonaws.sqs#InvalidParameterValue');
  });
});
