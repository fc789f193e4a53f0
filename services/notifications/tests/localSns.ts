import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SNSClient } from '@aws-sdk/client-sns';
import { Gateway } from '@spendwise/local-cloud/gateway/index';
import { SnsEngine } from '@spendwise/local-cloud/sns/index';
import { fakeCloud } from '@spendwise/local-cloud/testing/fakeCloud';

/**
 * The local cloud's SNS engine (filter policies, subscriptions, raw delivery) behind its real query-protocol
 * endpoint, so the service's SNS adapters run unchanged through the AWS SDK. SQS deliveries are recorded
 * instead of queued: `sent` lists what each subscribed queue would have received.
 */
export async function startLocalSns() {
  const fake = fakeCloud({ dataDir: mkdtempSync(join(tmpdir(), 'notifications-sns-')) });
  const sns = new SnsEngine(fake.cloud, { httpRetries: 0, httpRetryDelayMs: 0 });
  fake.cloud.sns = sns;
  const gateway = new Gateway({ host: '127.0.0.1', port: 0, apis: [sns.api()] });
  const endpoint = await gateway.start();
  const client = new SNSClient({
    endpoint,
    region: 'eu-west-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  return {
    sns,
    client,
    sent: fake.recorded.sent,
    createTopic: (name: string) => sns.registry.createTopic(name).arn,
    /** Subscribes a (recorded) queue the way a template's AWS::SNS::Subscription would. */
    subscribeQueue: (topicArn: string, queueArn: string, settings: Record<string, unknown> = {}) =>
      sns.registry.subscribe(topicArn, 'sqs', queueArn, settings),
    subscriptionsOf: (topicArn: string) => sns.registry.subscriptionsOf(topicArn),
    stop: async () => {
      await sns.idle();
      client.destroy();
      await gateway.stop();
    },
  };
}

export type LocalSns = Awaited<ReturnType<typeof startLocalSns>>;
