import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CreateTopicCommand,
  GetSubscriptionAttributesCommand,
  GetTopicAttributesCommand,
  ListSubscriptionsByTopicCommand,
  ListTopicsCommand,
  NotFoundException,
  PublishBatchCommand,
  PublishCommand,
  SetSubscriptionAttributesCommand,
  SNSClient,
  SubscribeCommand,
  UnsubscribeCommand,
} from '@aws-sdk/client-sns';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { SnsEngine } from '../../src/sns';
import { fakeCloud } from '../../src/testing/fakeCloud';
import { startThrowawayEndpoint } from './throwawayEndpoint';

const QUEUE = 'arn:aws:sqs:eu-west-1:000000000000:inbox';

describe('the SNS API through @aws-sdk/client-sns', () => {
  const fake = fakeCloud({ dataDir: mkdtempSync(join(tmpdir(), 'sns-int-')) });
  const sns = new SnsEngine(fake.cloud);
  fake.cloud.sns = sns;
  let endpoint: Awaited<ReturnType<typeof startThrowawayEndpoint>>;
  let client: SNSClient;

  beforeAll(async () => {
    endpoint = await startThrowawayEndpoint(sns.api());
    client = new SNSClient({
      endpoint: endpoint.url,
      region: 'eu-west-1',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    });
  });

  afterAll(async () => {
    client.destroy();
    await endpoint.close();
  });

  it('creates topics idempotently and lists them', async () => {
    const first = await client.send(
      new CreateTopicCommand({ Name: 'user-alerts', Attributes: { DisplayName: 'Alerts' } }),
    );
    const again = await client.send(new CreateTopicCommand({ Name: 'user-alerts' }));

    const listed = await client.send(new ListTopicsCommand({}));
    const attributes = await client.send(new GetTopicAttributesCommand({ TopicArn: first.TopicArn }));

    expect(again.TopicArn).toBe(first.TopicArn);
    expect(listed.Topics?.filter((t) => t.TopicArn?.endsWith(':user-alerts'))).toEqual([
      { TopicArn: 'arn:aws:sns:eu-west-1:000000000000:user-alerts' },
    ]);
    expect(attributes.Attributes).toMatchObject({ DisplayName: 'Alerts', SubscriptionsConfirmed: '0' });
  });

  it('subscribes a queue with a filter policy and publishes attributes that reach it', async () => {
    const { TopicArn } = await client.send(new CreateTopicCommand({ Name: 'routing' }));
    const { SubscriptionArn } = await client.send(
      new SubscribeCommand({
        TopicArn,
        Protocol: 'sqs',
        Endpoint: QUEUE,
        Attributes: { FilterPolicy: JSON.stringify({ userId: ['u1'] }), RawMessageDelivery: 'true' },
        ReturnSubscriptionArn: true,
      }),
    );
    fake.recorded.sent.length = 0;

    const kept = await client.send(
      new PublishCommand({
        TopicArn,
        Message: 'for u1',
        MessageAttributes: {
          userId: { DataType: 'String', StringValue: 'u1' },
          tags: { DataType: 'String.Array', StringValue: '["a","b"]' },
          blob: { DataType: 'Binary', BinaryValue: Buffer.from('hi') },
        },
      }),
    );
    await client.send(
      new PublishCommand({
        TopicArn,
        Message: 'for u2',
        MessageAttributes: { userId: { DataType: 'String', StringValue: 'u2' } },
      }),
    );
    await sns.idle();

    expect(SubscriptionArn).toMatch(/^arn:aws:sns:eu-west-1:000000000000:routing:[0-9a-f-]{36}$/);
    expect(kept.MessageId).toMatch(/^[0-9a-f-]{36}$/);
    expect(fake.recorded.sent).toEqual([
      {
        queueRef: QUEUE,
        message: {
          body: 'for u1',
          attributes: {
            userId: { DataType: 'String', StringValue: 'u1' },
            tags: { DataType: 'String.Array', StringValue: '["a","b"]' },
            blob: { DataType: 'Binary', BinaryValue: Buffer.from('hi').toString('base64') },
          },
        },
      },
    ]);
  });

  it('changes and reads subscription attributes, then unsubscribes', async () => {
    const { TopicArn } = await client.send(new CreateTopicCommand({ Name: 'changing' }));
    const { SubscriptionArn } = await client.send(
      new SubscribeCommand({ TopicArn, Protocol: 'sqs', Endpoint: QUEUE }),
    );

    await client.send(
      new SetSubscriptionAttributesCommand({
        SubscriptionArn,
        AttributeName: 'RawMessageDelivery',
        AttributeValue: 'true',
      }),
    );
    const read = await client.send(new GetSubscriptionAttributesCommand({ SubscriptionArn }));
    await client.send(new UnsubscribeCommand({ SubscriptionArn }));
    const listed = await client.send(new ListSubscriptionsByTopicCommand({ TopicArn }));

    expect(read.Attributes).toMatchObject({
      RawMessageDelivery: 'true',
      Protocol: 'sqs',
      Endpoint: QUEUE,
      TopicArn,
    });
    expect(listed.Subscriptions).toEqual([]);
  });

  it('reports each PublishBatch entry on its own', async () => {
    const { TopicArn } = await client.send(new CreateTopicCommand({ Name: 'batch' }));

    const result = await client.send(
      new PublishBatchCommand({
        TopicArn,
        PublishBatchRequestEntries: [
          { Id: 'good', Message: 'fine' },
          { Id: 'bad', Message: '{"sqs":"x"}', MessageStructure: 'json' },
        ],
      }),
    );

    expect(result.Successful?.map((s) => s.Id)).toEqual(['good']);
    expect(result.Failed).toEqual([
      expect.objectContaining({ Id: 'bad', Code: 'InvalidParameter', SenderFault: true }),
    ]);
  });

  it('raises NotFoundException for a topic that does not exist', async () => {
    const publish = client.send(
      new PublishCommand({ TopicArn: 'arn:aws:sns:eu-west-1:000000000000:missing', Message: 'x' }),
    );

    await expect(publish).rejects.toBeInstanceOf(NotFoundException);
  });
});
