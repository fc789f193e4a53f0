/**
 * The whole Spendwise system for an end-to-end test file: the local cloud started in-process over the packaged
 * templates of every service (in-memory DynamoDB Local, free ports), tokens per user, API clients and taps on
 * SNS topics made with the AWS SDK against the local endpoint — what a user or an operator would use.
 */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SNSClient, SubscribeCommand } from '@aws-sdk/client-sns';
import {
  CreateQueueCommand,
  DeleteMessageCommand,
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import type { FaultSettings } from '../../../packages/local-cloud/src/bedrock/faults';
import { type RunningLocalCloud, startLocalCloud } from '../../../packages/local-cloud/src/localCloud';
import { queuePolicyFor } from '../../../packages/local-cloud/src/testing/queuePolicy';
import { buildClient, type SpendwiseClient } from '../../../scripts/demo/client';

const rootDir = new URL('../../../', import.meta.url).pathname.replace(/\/$/, '');

export interface System {
  cloud: RunningLocalCloud;
  awsEndpoint: string;
  stage: string;
  outboxDir: string;
  /** A client acting as `user` (a fresh token with every scope). */
  as(user: string): Promise<SpendwiseClient>;
  /** A client acting as `user` and the user's id (the token's `sub`, which events carry as metadata.userId). */
  user(name: string): Promise<{ client: SpendwiseClient; userId: string }>;
  /** A queue subscribed to the SNS topic `spendwise-<stage>-<topicSuffix>`; returns its message reader. */
  tapTopic(topicSuffix: string, rawDelivery?: boolean): Promise<TopicTap>;
  setModelFaults(faults: FaultSettings): void;
  sqs: SQSClient;
  stop(): Promise<void>;
}

export interface TopicTap {
  queueUrl: string;
  /** Every message received so far (bodies parsed as JSON where they are JSON). */
  messages: unknown[];
  /** Receives (and deletes) everything that has arrived since the last call. */
  drain(): Promise<unknown[]>;
}

const credentials = { accessKeyId: 'local', secretAccessKey: 'local' };

/**
 * Starts the system; call `stop()` in afterAll. `alarmTimeScale` shortens alarm periods and `queueTimeScale`
 * visibility timeouts (how soon a failed message is redelivered), for tests that wait on DLQs and alarms.
 */
export async function startSystem(
  options: { alarmTimeScale?: number; queueTimeScale?: number; webRoot?: string } = {},
): Promise<System> {
  const cloud = await startLocalCloud({
    rootDir,
    dataDir: await mkdtemp(join(tmpdir(), 'spendwise-e2e-')),
    awsPort: 0,
    apiBasePort: 0,
    webPort: 0,
    inMemory: true,
    ...(options.alarmTimeScale ? { alarmTimeScale: options.alarmTimeScale } : {}),
    ...(options.queueTimeScale ? { queueTimeScale: options.queueTimeScale } : {}),
    ...(options.webRoot ? { webRoot: options.webRoot } : {}),
  });
  const { awsEndpoint, region, stage } = cloud.endpoints;
  const sqs = new SQSClient({ endpoint: awsEndpoint, region, credentials });
  const sns = new SNSClient({ endpoint: awsEndpoint, region, credentials });
  const accountId = cloud.endpoints.accountId;

  const tapTopic = async (topicSuffix: string, rawDelivery = true): Promise<TopicTap> => {
    const name = `e2e-tap-${topicSuffix}-${Math.random().toString(36).slice(2, 8)}`;
    const topicArn = `arn:aws:sns:${region}:${accountId}:spendwise-${stage}-${topicSuffix}`;
    // As on AWS, the queue's policy must let the topic send to it (the local cloud enforces IAM).
    const policy = queuePolicyFor(
      'sns.amazonaws.com',
      `arn:aws:sqs:${region}:${accountId}:${name}`,
      topicArn,
    );

    const { QueueUrl } = await sqs.send(
      new CreateQueueCommand({ QueueName: name, Attributes: { Policy: JSON.stringify(policy) } }),
    );
    const attributes = await sqs.send(
      new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['QueueArn'] }),
    );
    await sns.send(
      new SubscribeCommand({
        TopicArn: topicArn,
        Protocol: 'sqs',
        Endpoint: attributes.Attributes?.QueueArn,
        Attributes: { RawMessageDelivery: String(rawDelivery) },
      }),
    );
    const tap: TopicTap = {
      queueUrl: QueueUrl as string,
      messages: [],
      drain: async () => {
        // Everything there, not only one receive's worth (at most 10 messages).
        const bodies: unknown[] = [];
        for (;;) {
          const got = await sqs.send(
            new ReceiveMessageCommand({ QueueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 0 }),
          );
          if (!got.Messages?.length) break;
          for (const m of got.Messages) {
            bodies.push(parseMaybe(m.Body ?? ''));
            await sqs.send(new DeleteMessageCommand({ QueueUrl, ReceiptHandle: m.ReceiptHandle }));
          }
        }
        tap.messages.push(...bodies);
        return bodies;
      },
    };
    return tap;
  };

  return {
    cloud,
    awsEndpoint,
    stage,
    outboxDir: cloud.endpoints.outbox,
    // Every answer the tests receive is checked against the OpenAPI documents: a mismatch fails the test.
    as: async (user) =>
      buildClient(cloud.endpoints.apis, await cloud.engines.auth.mintToken({ user }), {
        validateResponses: true,
      }),
    user: async (name) => {
      const token = await cloud.engines.auth.mintToken({ user: name });
      const claims = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8'));
      return {
        client: buildClient(cloud.endpoints.apis, token, { validateResponses: true }),
        userId: claims.sub as string,
      };
    },
    tapTopic,
    setModelFaults: (faults) => cloud.engines.model.faults.set(faults),
    sqs,
    stop: async () => {
      sqs.destroy();
      sns.destroy();
      await cloud.stop();
    },
  };
}

function parseMaybe(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/**
 * Waits until the local cloud has finished everything asynchronous — stream records relayed, bus deliveries,
 * queues with consumers empty, SNS deliveries, invocations, executions — and what each caused (see
 * `RunningLocalCloud.settled`). The timeout is for a loaded 2-core CI machine running the whole suite: a flow
 * settles in a second or two locally, but cold starts of a dozen functions under load take far longer.
 */
export async function settled(system: System, timeoutMs = 180_000): Promise<void> {
  await system.cloud.settled({ timeoutMs });
}
