import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { AwsApiError } from '../core/errors';
import type { ResolvedResource } from '../core/resources';
import { fakeCloud } from '../testing/fakeCloud';
import { SnsEngine } from './snsEngine';

const NOW = Date.UTC(2026, 0, 1, 12, 0, 0);
const QUEUE = 'arn:aws:sqs:eu-west-1:000000000000:alerts';
const OTHER_QUEUE = 'arn:aws:sqs:eu-west-1:000000000000:other';

function setup(options: { httpRetries?: number } = {}) {
  const dataDir = mkdtempSync(join(tmpdir(), 'sns-test-'));
  const fake = fakeCloud({ dataDir });
  const sns = new SnsEngine(fake.cloud, {
    now: () => NOW,
    httpRetries: options.httpRetries ?? 0,
    httpRetryDelayMs: 0,
  });
  fake.cloud.sns = sns;
  const topic = sns.registry.createTopic('user-alerts', { DisplayName: 'Spendwise alerts' });
  return { ...fake, sns, topic };
}

const str = (value: string) => ({ DataType: 'String', StringValue: value });

const resource = (
  type: string,
  properties: Record<string, unknown>,
  logicalId = 'Thing',
): ResolvedResource => ({
  stack: 'platform',
  stackDir: '/tmp/platform',
  logicalId,
  type,
  properties,
});

describe('SnsEngine publishing', () => {
  it('delivers only to subscriptions whose attribute filter policy matches', async () => {
    const { sns, topic, recorded } = setup();
    sns.registry.subscribe(topic.arn, 'sqs', QUEUE, { FilterPolicy: { severity: ['high'] } });
    sns.registry.subscribe(topic.arn, 'sqs', OTHER_QUEUE, { FilterPolicy: { severity: ['low'] } });

    await sns.publish(topic.arn, { message: 'budget crossed', attributes: { severity: str('high') } });
    await sns.idle();

    expect(recorded.sent.map((s) => s.queueRef)).toEqual([QUEUE]);
    expect(recorded.metrics.map((m) => m.name).sort()).toEqual([
      'NumberOfMessagesPublished',
      'NumberOfNotificationsDelivered',
      'NumberOfNotificationsFilteredOut',
    ]);
  });

  it('applies a MessageBody-scoped filter policy to the JSON message', async () => {
    const { sns, topic, recorded } = setup();
    const policy = JSON.stringify({ type: ['BudgetThresholdReached'] });
    sns.registry.subscribe(topic.arn, 'sqs', QUEUE, {
      FilterPolicy: policy,
      FilterPolicyScope: 'MessageBody',
    });

    await sns.publish(topic.arn, { message: JSON.stringify({ type: 'SpendingAnomalyDetected' }) });
    await sns.publish(topic.arn, { message: JSON.stringify({ type: 'BudgetThresholdReached' }) });
    await sns.idle();

    expect(recorded.sent).toHaveLength(1);
    expect(JSON.parse(JSON.parse(recorded.sent[0]?.message.body ?? '').Message)).toEqual({
      type: 'BudgetThresholdReached',
    });
  });

  it('wraps the message in the SNS notification JSON when raw delivery is off', async () => {
    const { sns, topic, recorded } = setup();
    const subscription = sns.registry.subscribe(topic.arn, 'sqs', QUEUE);

    const { messageId } = await sns.publish(topic.arn, {
      message: 'hi',
      subject: 'Hello',
      attributes: { userId: str('u1') },
    });
    await sns.idle();

    expect(JSON.parse(recorded.sent[0]?.message.body ?? '')).toEqual({
      Type: 'Notification',
      MessageId: messageId,
      TopicArn: topic.arn,
      Subject: 'Hello',
      Message: 'hi',
      Timestamp: '2026-01-01T12:00:00.000Z',
      SignatureVersion: '1',
      Signature: expect.any(String),
      SigningCertURL: expect.stringMatching(/^http:\/\/127\.0\.0\.1:4566\//),
      UnsubscribeURL: `http://127.0.0.1:4566/_local/sns/unsubscribe?SubscriptionArn=${encodeURIComponent(subscription.arn)}`,
      MessageAttributes: { userId: { Type: 'String', Value: 'u1' } },
    });
  });

  it('sends the bare message with its attributes as SQS attributes when raw delivery is on', async () => {
    const { sns, topic, recorded } = setup();
    sns.registry.subscribe(topic.arn, 'sqs', QUEUE, { RawMessageDelivery: 'true' });

    await sns.publish(topic.arn, { message: '{"a":1}', attributes: { userId: str('u1') } });
    await sns.idle();

    expect(recorded.sent[0]?.message).toEqual({ body: '{"a":1}', attributes: { userId: str('u1') } });
  });

  it('gives each protocol its own message when MessageStructure is json', async () => {
    const { sns, topic, recorded } = setup();
    sns.registry.subscribe(topic.arn, 'sqs', QUEUE, { RawMessageDelivery: true });
    sns.registry.subscribe(topic.arn, 'lambda', 'arn:aws:lambda:eu-west-1:000000000000:function:notify');
    const message = JSON.stringify({ default: 'plain', sqs: 'for queues' });

    sns.publishMessage({ topicArn: topic.arn, message, messageStructure: 'json' });
    await sns.idle();

    expect(recorded.sent[0]?.message.body).toBe('for queues');
    const event = recorded.invocations[0]?.payload as { Records: { Sns: { Message: string } }[] };
    expect(event.Records[0]?.Sns.Message).toBe('plain');
  });

  it('rejects a json MessageStructure without a default entry', () => {
    const { sns, topic } = setup();

    const publish = () =>
      sns.publishMessage({ topicArn: topic.arn, message: '{"sqs":"x"}', messageStructure: 'json' });

    expect(publish).toThrow('Invalid parameter: Message Structure - No default entry in JSON message body');
  });

  it('invokes a subscribed function asynchronously with the SNS event', async () => {
    const { sns, topic, recorded } = setup();
    const fn = 'arn:aws:lambda:eu-west-1:000000000000:function:notify';
    const subscription = sns.registry.subscribe(topic.arn, 'lambda', fn);

    const { messageId } = await sns.publish(topic.arn, { message: 'm', attributes: { type: str('x') } });
    await sns.idle();

    expect(recorded.invocations).toEqual([
      {
        functionRef: fn,
        async: true,
        payload: {
          Records: [
            {
              EventSource: 'aws:sns',
              EventVersion: '1.0',
              EventSubscriptionArn: subscription.arn,
              Sns: expect.objectContaining({
                Type: 'Notification',
                MessageId: messageId,
                TopicArn: topic.arn,
                Subject: null,
                Message: 'm',
                MessageAttributes: { type: { Type: 'String', Value: 'x' } },
              }),
            },
          ],
        },
      },
    ]);
  });

  it('moves a message the endpoint refused to the subscription dead-letter queue', async () => {
    const { sns, topic, recorded, answers } = setup();
    const dlq = 'arn:aws:sqs:eu-west-1:000000000000:sns-dlq';
    sns.registry.subscribe(topic.arn, 'lambda', 'arn:aws:lambda:eu-west-1:000000000000:function:gone', {
      RedrivePolicy: JSON.stringify({ deadLetterTargetArn: dlq }),
    });
    answers.invoke = async () => ({
      ok: false,
      errorType: 'ResourceNotFoundException',
      errorMessage: 'no',
      durationMs: 0,
      coldStart: false,
    });

    await sns.publish(topic.arn, { message: 'lost?' });
    await sns.idle();

    expect(recorded.sent.map((s) => s.queueRef)).toEqual([dlq]);
    expect(JSON.parse(recorded.sent[0]?.message.body ?? '').Message).toBe('lost?');
    expect(recorded.metrics.some((m) => m.name === 'NumberOfNotificationsFailed')).toBe(true);
  });

  it('stops delivering to an endpoint once it is unsubscribed', async () => {
    const { sns, topic, recorded } = setup();
    const subscription = sns.registry.subscribe(topic.arn, 'sqs', QUEUE);

    sns.registry.unsubscribe(subscription.arn);
    await sns.publish(topic.arn, { message: 'after' });
    await sns.idle();

    expect(recorded.sent).toEqual([]);
  });

  it('answers Publish to a missing topic with NotFound', async () => {
    const { sns } = setup();

    const publish = sns.publish('arn:aws:sns:eu-west-1:000000000000:nope', { message: 'x' });

    await expect(publish).rejects.toMatchObject({ code: 'NotFound', status: 404 });
    await expect(publish).rejects.toBeInstanceOf(AwsApiError);
  });
});

describe('SnsEngine e-mail outbox', () => {
  it('writes a readable .eml file with headers, the message and the unsubscribe footer', async () => {
    const { sns, topic } = setup();
    sns.registry.subscribe(topic.arn, 'email', 'ops@example.com');

    const { messageId } = await sns.publish(topic.arn, {
      message: 'Budget "Food" at 80%\nDetails follow.',
      subject: 'Budget alert',
    });
    await sns.idle();

    const files = readdirSync(sns.outboxDir());
    expect(files).toEqual([`20260101T120000000Z-user-alerts-${messageId}.eml`]);
    const text = readFileSync(join(sns.outboxDir(), files[0] ?? ''), 'utf8');
    expect(text).toContain('From: "Spendwise alerts" <no-reply@sns.amazonaws.com>\r\n');
    expect(text).toContain('To: ops@example.com\r\n');
    expect(text).toContain('Subject: Budget alert\r\n');
    expect(text).toContain('Date: Thu, 01 Jan 2026 12:00:00 GMT\r\n');
    expect(text).toContain('\r\n\r\nBudget "Food" at 80%\r\nDetails follow.\r\n');
    expect(text).toContain('/_local/sns/unsubscribe?SubscriptionArn=');
  });

  it('writes the notification JSON as the body for email-json subscriptions', async () => {
    const { sns, topic } = setup();
    sns.registry.subscribe(topic.arn, 'email-json', 'dev@example.com');

    await sns.publish(topic.arn, { message: 'json please' });
    await sns.idle();

    const [file] = readdirSync(sns.outboxDir());
    const body = readFileSync(join(sns.outboxDir(), file ?? ''), 'utf8').split('\r\n\r\n')[1] ?? '';
    expect(JSON.parse(body.split('\r\n')[0] ?? '')).toMatchObject({
      Type: 'Notification',
      Message: 'json please',
    });
  });
});

describe('SnsEngine HTTP delivery', () => {
  async function withServer(
    status: number,
    run: (url: string, seen: { headers: IncomingHttpHeaders; body: string }[]) => Promise<void>,
  ) {
    const seen: { headers: IncomingHttpHeaders; body: string }[] = [];
    const server = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk) => (body += chunk));
      req.on('end', () => {
        seen.push({ headers: req.headers, body });
        res.writeHead(status).end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      await run(`http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`, seen);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  }

  it('POSTs the notification with the SNS headers to a loopback endpoint', async () => {
    await withServer(200, async (url, seen) => {
      const { sns, topic } = setup();
      const subscription = sns.registry.subscribe(topic.arn, 'http', url);

      const { messageId } = await sns.publish(topic.arn, { message: 'to the hook' });
      await sns.idle();

      expect(seen).toHaveLength(1);
      expect(seen[0]?.headers).toMatchObject({
        'x-amz-sns-message-type': 'Notification',
        'x-amz-sns-message-id': messageId,
        'x-amz-sns-topic-arn': topic.arn,
        'x-amz-sns-subscription-arn': subscription.arn,
        'content-type': 'text/plain; charset=UTF-8',
      });
      expect(JSON.parse(seen[0]?.body ?? '').Message).toBe('to the hook');
    });
  });

  it('retries a failing endpoint and counts the delivery as failed', async () => {
    await withServer(500, async (url, seen) => {
      const { sns, topic, recorded } = setup({ httpRetries: 2 });
      sns.registry.subscribe(topic.arn, 'http', url);

      await sns.publish(topic.arn, { message: 'x' });
      await sns.idle();

      expect(seen).toHaveLength(3);
      expect(recorded.metrics.filter((m) => m.name === 'NumberOfNotificationsFailed')).toHaveLength(1);
    });
  });

  it('refuses to POST to an address off this machine and logs why', async () => {
    const { sns, topic, recorded } = setup();
    sns.registry.subscribe(topic.arn, 'https', 'https://hooks.example.com/sns');

    await sns.publish(topic.arn, { message: 'x' });
    await sns.idle();

    expect(
      recorded.messages.some((m) => m.includes('refused to POST to https://hooks.example.com/sns')),
    ).toBe(true);
  });
});

describe('SnsEngine resource providers', () => {
  it('creates a named topic whose Ref is its ARN and subscribes its inline subscriptions', async () => {
    const { sns, cloud, recorded } = setup();
    const [topicProvider] = sns.providers();

    const created = await topicProvider!.create(
      resource('AWS::SNS::Topic', {
        TopicName: 'spendwise-dev-ops-alerts',
        DisplayName: 'Ops',
        KmsMasterKeyId: 'alias/aws/sns',
        Subscription: [{ Protocol: 'email', Endpoint: 'ops@example.com' }],
      }),
      cloud,
    );

    expect(created).toEqual({
      ref: 'arn:aws:sns:eu-west-1:000000000000:spendwise-dev-ops-alerts',
      attributes: { TopicArn: created.ref, TopicName: 'spendwise-dev-ops-alerts' },
    });
    expect(sns.registry.subscriptionsOf(created.ref).map((s) => s.endpoint)).toEqual(['ops@example.com']);
    expect(recorded.messages).toContainEqual(expect.stringContaining('email subscription ops@example.com'));
    expect(recorded.unsupported).toEqual([]);
  });

  it('reports a FIFO topic and an unsupported property by name', async () => {
    const { sns, cloud, recorded } = setup();
    const [topicProvider] = sns.providers();

    await topicProvider!.create(
      resource('AWS::SNS::Topic', { FifoTopic: true, TracingConfig: 'Active' }),
      cloud,
    );

    expect(recorded.unsupported.map((u) => u.property).sort()).toEqual(['FifoTopic', 'TracingConfig']);
  });

  it('creates a subscription with a filter policy object and reports its DeliveryPolicy', async () => {
    const { sns, topic, cloud, recorded } = setup();
    const [, subscriptionProvider] = sns.providers();

    const created = await subscriptionProvider!.create(
      resource('AWS::SNS::Subscription', {
        TopicArn: topic.arn,
        Protocol: 'sqs',
        Endpoint: QUEUE,
        FilterPolicy: { userId: ['u1'] },
        RawMessageDelivery: 'true',
        DeliveryPolicy: { healthyRetryPolicy: { numRetries: 5 } },
      }),
      cloud,
    );

    expect(sns.registry.subscription(created.ref)).toMatchObject({
      filterPolicy: { userId: ['u1'] },
      rawMessageDelivery: true,
    });
    expect(recorded.unsupported.map((u) => u.property)).toEqual(['DeliveryPolicy']);
  });

  it('rejects a filter policy SNS would reject', async () => {
    const { sns, topic } = setup();

    const subscribe = () =>
      sns.registry.subscribe(topic.arn, 'sqs', QUEUE, { FilterPolicy: { a: 'not-an-array' } });

    expect(subscribe).toThrow(/^Invalid parameter: FilterPolicy: /);
  });

  it('reports topic policies once per stack', async () => {
    const { sns, cloud, recorded } = setup();
    const policy = sns.providers()[2]!;

    await policy.create(resource('AWS::SNS::TopicPolicy', { Topics: [], PolicyDocument: {} }, 'A'), cloud);
    await policy.create(resource('AWS::SNS::TopicPolicy', { Topics: [], PolicyDocument: {} }, 'B'), cloud);

    expect(recorded.unsupported).toHaveLength(1);
    expect(recorded.unsupported[0]).toMatchObject({ logicalId: 'A', property: 'PolicyDocument' });
  });
});
