import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import type { Activity, Settles } from '../core/activity';
import type { LocalCloud } from '../core/context';
import type { MessageAttributeValue, SnsPort } from '../core/ports';
import type { AwsApi, AwsRequest, LocalRoute } from '../core/protocol';
import type { ResourceProvider } from '../core/resources';
import { matchesFilterPolicy } from '../patterns';
import { snsApi } from './api';
import type { DeliveryEnv } from './delivery/types';
import { Fanout, type FilterMatcher } from './fanout';
import type { PublishedMessage, Subscription, Topic } from './model';
import { announce, subscriptionProvider, topicPolicyProvider, topicProvider } from './providers';
import { type PublishInput, validatePublish } from './publishInput';
import { SnsRegistry } from './registry';

export interface SnsEngineOptions {
  /** Milliseconds since the epoch; injectable so timestamps are testable. */
  now?: () => number;
  /** Filter-policy matcher; defaults to `matchesFilterPolicy` from `../patterns`. */
  matches?: FilterMatcher;
  /** Retries after a failed HTTP/S delivery (default 3) and the pause between them (default 1000 ms). */
  httpRetries?: number;
  httpRetryDelayMs?: number;
  /** Time an HTTP/S endpoint has to answer (default 15 000 ms, SNS's own limit). */
  httpTimeoutMs?: number;
}

/**
 * The local SNS: topics and subscriptions from templates or the API, publishing with filter policies and
 * asynchronous delivery to SQS, Lambda, loopback HTTP/S and an e-mail outbox folder.
 *
 * @example
 * const sns = new SnsEngine(cloud); cloud.sns = sns;
 * await sns.publish(topicArn, { message: 'hello', attributes: { type: { DataType: 'String', StringValue: 'x' } } });
 */
export class SnsEngine implements SnsPort, Settles {
  readonly registry: SnsRegistry;
  private readonly fanout: Fanout;
  private readonly now: () => number;

  constructor(
    private readonly ctx: LocalCloud,
    private readonly options: SnsEngineOptions = {},
  ) {
    this.registry = new SnsRegistry(ctx.config);
    this.now = options.now ?? Date.now;
    this.fanout = new Fanout(
      ctx,
      () => this.deliveryEnv(),
      options.matches ?? matchesFilterPolicy,
      (arn) => this.registry.findTopic(arn)?.attributes.DisplayName,
    );
  }

  /** Publishes through the port (CloudWatch alarms, Step Functions, EventBridge targets). */
  async publish(
    topicArn: string,
    message: { message: string; subject?: string; attributes?: Record<string, MessageAttributeValue> },
  ): Promise<{ messageId: string }> {
    return this.publishMessage({ topicArn, ...message });
  }

  /** Validates and accepts a message; deliveries start after this returns. Throws AwsApiError. */
  publishMessage(input: PublishInput): { messageId: string } {
    const topic = this.registry.topic(input.topicArn);
    const perProtocol = validatePublish(input);
    const message: PublishedMessage = {
      messageId: randomUUID(),
      topicArn: topic.arn,
      message: input.message,
      ...(input.subject !== undefined ? { subject: input.subject } : {}),
      attributes: input.attributes ?? {},
      ...(perProtocol ? { perProtocol } : {}),
      timestamp: new Date(this.now()),
    };
    this.fanout.fanOut(message, this.registry.subscriptionsOf(topic.arn));
    return { messageId: message.messageId };
  }

  has(topicArn: string): boolean {
    return this.registry.findTopic(topicArn) !== undefined;
  }

  /** Resolves once every delivery started so far has finished (for tests and orderly shutdown). */
  idle(): Promise<void> {
    return this.fanout.idle();
  }

  /** Deliveries running now (to queues, functions, HTTP endpoints, the e-mail outbox). */
  activity(): Activity {
    const running = this.fanout.running;
    return { busy: running > 0 ? [`sns: ${running} delivery(ies) running`] : [], moves: this.fanout.moves };
  }

  settled(): Promise<void> {
    return this.idle();
  }

  /** The folder e-mail notifications are written to, one `.eml` file each. */
  outboxDir(): string {
    return join(this.ctx.config.dataDir, 'outbox');
  }

  providers(): ResourceProvider[] {
    return [topicProvider(this.registry), subscriptionProvider(this.registry), topicPolicyProvider()];
  }

  /** The SNS query API for the shared endpoint. */
  api(): AwsApi {
    return snsApi({
      registry: this.registry,
      accountId: this.ctx.config.accountId,
      publish: (input) => this.publishMessage(input),
      subscribed: (subscription: Subscription, topic: Topic) =>
        announce(this.ctx, subscription.protocol, subscription.endpoint, topic.name),
    });
  }

  /** The UnsubscribeURL every notification carries: `GET /_local/sns/unsubscribe?SubscriptionArn=…`. */
  routes(): LocalRoute[] {
    return [
      {
        method: 'GET',
        path: '/_local/sns/unsubscribe',
        handle: async (request: AwsRequest) => {
          const arn = request.query.get('SubscriptionArn') ?? '';
          const removed = this.registry.unsubscribe(arn);
          if (removed) this.ctx.log(`SNS: ${arn} unsubscribed through its UnsubscribeURL`);
          const text = removed ? `Unsubscribed ${arn}\n` : `No subscription ${arn}\n`;
          return { status: removed ? 200 : 404, headers: { 'content-type': 'text/plain' }, body: text };
        },
      },
    ];
  }

  private deliveryEnv(): DeliveryEnv {
    const { host, awsPort } = this.ctx.config;
    return {
      ctx: this.ctx,
      urls: { endpoint: `http://${host}:${awsPort}` },
      outboxDir: this.outboxDir(),
      httpRetries: this.options.httpRetries ?? 3,
      httpRetryDelayMs: this.options.httpRetryDelayMs ?? 1000,
      httpTimeoutMs: this.options.httpTimeoutMs ?? 15_000,
    };
  }
}
