import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  CreateQueueCommand,
  DeleteMessageBatchCommand,
  GetQueueAttributesCommand,
  GetQueueUrlCommand,
  ListMessageMoveTasksCommand,
  QueueDoesNotExist,
  ReceiveMessageCommand,
  SendMessageBatchCommand,
  SendMessageCommand,
  SQSClient,
  StartMessageMoveTaskCommand,
} from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { AwsApiError } from '../../src/core/errors';
import { SqsEngine } from '../../src/sqs';
import { fakeCloud } from '../../src/testing/fakeCloud';

/** A stand-in for the shared gateway: classifies AmazonSQS.* JSON calls and serialises answers and errors. */
function throwawayGateway(engine: () => SqsEngine) {
  return async (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const target = String(req.headers['x-amz-target'] ?? '');
    const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, String(v)]));
    const contentType = { 'content-type': 'application/x-amz-json-1.0' };
    try {
      const answer = await engine().handle({
        service: 'sqs',
        protocol: 'json',
        action: target.replace(/^AmazonSQS\./, ''),
        target,
        method: req.method ?? 'POST',
        path: (req.url ?? '/').split('?')[0]!,
        query: new URLSearchParams((req.url ?? '').split('?')[1] ?? ''),
        headers,
        body: Buffer.concat(chunks),
        http2: false,
      });
      res
        .writeHead(answer.status, { ...contentType, ...answer.headers })
        .end(JSON.stringify(answer.body ?? {}));
    } catch (error) {
      const failure =
        error instanceof AwsApiError ? error : new AwsApiError(500, 'InternalFailure', String(error));
      res
        .writeHead(failure.status, { ...contentType, 'x-amzn-errortype': failure.code, ...failure.headers })
        .end(JSON.stringify({ __type: failure.code, message: failure.message }));
    }
  };
}

let server: Server;
let engine: SqsEngine;
let client: SQSClient;

beforeAll(async () => {
  server = createServer(throwawayGateway(() => engine));
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  engine = new SqsEngine(fakeCloud({ awsPort: port }).cloud);
  client = new SQSClient({
    endpoint: `http://127.0.0.1:${port}`,
    region: 'eu-west-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
});

afterAll(async () => {
  client.destroy();
  await engine.stop();
  server.close();
  await once(server, 'close');
});

describe('the local SQS through @aws-sdk/client-sqs', () => {
  it('sends, receives with attributes, deletes in batch and counts messages', async () => {
    const { QueueUrl } = await client.send(new CreateQueueCommand({ QueueName: 'sdk-work' }));
    await client.send(
      new SendMessageCommand({
        QueueUrl,
        MessageBody: '{"eventId":"e-1"}',
        MessageAttributes: { userId: { DataType: 'String', StringValue: 'u-1' } },
      }),
    );
    const batch = await client.send(
      new SendMessageBatchCommand({
        QueueUrl,
        Entries: [
          { Id: 'a', MessageBody: 'second' },
          { Id: 'b', MessageBody: 'third', DelaySeconds: 600 },
        ],
      }),
    );

    const { Messages = [] } = await client.send(
      new ReceiveMessageCommand({
        QueueUrl,
        MaxNumberOfMessages: 10,
        MessageSystemAttributeNames: ['All'],
        MessageAttributeNames: ['All'],
      }),
    );
    const deleted = await client.send(
      new DeleteMessageBatchCommand({
        QueueUrl,
        Entries: Messages.map((m, i) => ({ Id: `d${i}`, ReceiptHandle: m.ReceiptHandle! })),
      }),
    );
    const { Attributes } = await client.send(
      new GetQueueAttributesCommand({
        QueueUrl,
        AttributeNames: [
          'ApproximateNumberOfMessages',
          'ApproximateNumberOfMessagesNotVisible',
          'ApproximateNumberOfMessagesDelayed',
          'QueueArn',
        ],
      }),
    );

    expect(batch.Successful?.map((e) => e.Id)).toEqual(['a', 'b']);
    expect(Messages.map((m) => m.Body)).toEqual(['{"eventId":"e-1"}', 'second']);
    expect(Messages[0]?.MessageAttributes?.userId?.StringValue).toBe('u-1');
    expect(Messages[0]?.Attributes?.ApproximateReceiveCount).toBe('1');
    expect(Number(Messages[0]?.Attributes?.SentTimestamp)).toBeGreaterThan(0);
    expect(deleted.Successful).toHaveLength(2);
    expect(Attributes).toEqual({
      ApproximateNumberOfMessages: '0',
      ApproximateNumberOfMessagesNotVisible: '0',
      ApproximateNumberOfMessagesDelayed: '1',
      QueueArn: 'arn:aws:sqs:eu-west-1:000000000000:sdk-work',
    });
  });

  it('raises the modelled QueueDoesNotExist exception for a missing queue', async () => {
    const failure = await client
      .send(new GetQueueUrlCommand({ QueueName: 'sdk-missing' }))
      .catch((e: unknown) => e);

    expect(failure).toBeInstanceOf(QueueDoesNotExist);
  });

  it('answers a long poll when a message arrives during the wait', async () => {
    const { QueueUrl } = await client.send(new CreateQueueCommand({ QueueName: 'sdk-long-poll' }));
    const polling = client.send(new ReceiveMessageCommand({ QueueUrl, WaitTimeSeconds: 5 }));
    const started = Date.now();

    await new Promise((resolve) => setTimeout(resolve, 100));
    await client.send(new SendMessageCommand({ QueueUrl, MessageBody: 'late' }));

    expect((await polling).Messages?.[0]?.Body).toBe('late');
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('redrives a message that exceeded maxReceiveCount from the DLQ back to its source', async () => {
    const { QueueUrl: dlqUrl } = await client.send(new CreateQueueCommand({ QueueName: 'sdk-dlq' }));
    const dlqArn = 'arn:aws:sqs:eu-west-1:000000000000:sdk-dlq';
    const { QueueUrl } = await client.send(
      new CreateQueueCommand({
        QueueName: 'sdk-source',
        Attributes: { RedrivePolicy: JSON.stringify({ deadLetterTargetArn: dlqArn, maxReceiveCount: 1 }) },
      }),
    );
    await client.send(new SendMessageCommand({ QueueUrl, MessageBody: 'poison' }));
    await client.send(new ReceiveMessageCommand({ QueueUrl, VisibilityTimeout: 0 }));
    const second = await client.send(new ReceiveMessageCommand({ QueueUrl }));
    const inDlq = await client.send(
      new GetQueueAttributesCommand({ QueueUrl: dlqUrl, AttributeNames: ['ApproximateNumberOfMessages'] }),
    );

    const { TaskHandle } = await client.send(new StartMessageMoveTaskCommand({ SourceArn: dlqArn }));
    const { Results } = await client.send(new ListMessageMoveTasksCommand({ SourceArn: dlqArn }));
    const back = await client.send(new ReceiveMessageCommand({ QueueUrl }));

    expect(second.Messages).toBeUndefined();
    expect(inDlq.Attributes?.ApproximateNumberOfMessages).toBe('1');
    expect(TaskHandle).toEqual(expect.any(String));
    expect(Results?.[0]).toMatchObject({ Status: 'COMPLETED', ApproximateNumberOfMessagesMoved: 1 });
    expect(back.Messages?.[0]?.Body).toBe('poison');
  });
});
