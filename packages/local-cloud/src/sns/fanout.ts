import type { LocalCloud } from '../core/context';
import type { MessageAttributeValue } from '../core/ports';
import type { FilterPolicyMessage, FilterPolicyScope } from '../patterns';
import { deliverToOutbox } from './delivery/email';
import { deliverToHttp } from './delivery/http';
import { deliverToLambda } from './delivery/lambda';
import { deliverToSqs } from './delivery/sqs';
import type { Deliver, DeliveryEnv } from './delivery/types';
import { type DeliveryProtocol, messageFor, type PublishedMessage, type Subscription } from './model';
import { deliveryBody } from './notification';

/** The filter-policy matcher (from `../patterns`, injectable for tests). */
export type FilterMatcher = (
  policy: unknown,
  message: FilterPolicyMessage,
  scope: FilterPolicyScope,
) => boolean;

type SnsMetric =
  | 'NumberOfMessagesPublished'
  | 'NumberOfNotificationsDelivered'
  | 'NumberOfNotificationsFailed'
  | 'NumberOfNotificationsFilteredOut';

/** Filter policies see String and Number attributes only (Binary ones never match). */
const filterAttributes = (attributes: Record<string, MessageAttributeValue>) =>
  Object.fromEntries(
    Object.entries(attributes)
      .filter(([, value]) => !value.DataType.startsWith('Binary'))
      .map(([name, value]) => [name, { DataType: value.DataType, StringValue: value.StringValue ?? '' }]),
  );

/**
 * Hands a published message to every subscription whose filter policy passes it, each delivery running on
 * its own after Publish has answered, as on AWS. Failures go to the subscription's DLQ when it has one.
 */
export class Fanout {
  private readonly inFlight = new Set<Promise<void>>();
  /** Deliveries started plus deliveries ended. */
  moves = 0;
  private readonly deliverers: Record<DeliveryProtocol, Deliver>;

  constructor(
    private readonly ctx: LocalCloud,
    private readonly env: () => DeliveryEnv,
    private readonly matches: FilterMatcher,
    displayNameOf: (topicArn: string) => string | undefined,
  ) {
    const email = deliverToOutbox(displayNameOf);
    this.deliverers = {
      sqs: deliverToSqs,
      lambda: deliverToLambda,
      http: deliverToHttp,
      https: deliverToHttp,
      email,
      'email-json': email,
    };
  }

  /** Starts the deliveries of one message; returns at once. */
  fanOut(message: PublishedMessage, subscriptions: Subscription[]): void {
    this.metric('NumberOfMessagesPublished', message);
    for (const subscription of subscriptions) {
      if (!this.passes(message, subscription)) {
        this.metric('NumberOfNotificationsFilteredOut', message);
        continue;
      }
      this.moves += 1;
      const delivery = this.deliver(message, subscription).finally(() => {
        this.inFlight.delete(delivery);
        this.moves += 1;
      });
      this.inFlight.add(delivery);
    }
  }

  /** Resolves when every delivery started so far (and any they started) has finished. */
  async idle(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
  }

  /** Deliveries running now. */
  get running(): number {
    return this.inFlight.size;
  }

  private passes(message: PublishedMessage, subscription: Subscription): boolean {
    if (subscription.filterPolicy === undefined) return true;
    const view = {
      attributes: filterAttributes(message.attributes),
      body: messageFor(message, subscription.protocol),
    };
    return this.matches(subscription.filterPolicy, view, subscription.filterPolicyScope);
  }

  private async deliver(message: PublishedMessage, subscription: Subscription): Promise<void> {
    await Promise.resolve();
    const env = this.env();
    try {
      await this.authorize(message.topicArn, subscription.endpoint, 'subscription');
      await this.deliverers[subscription.protocol](message, subscription, env);
      this.metric('NumberOfNotificationsDelivered', message);
    } catch (error) {
      this.metric('NumberOfNotificationsFailed', message);
      await this.deadLetter(message, subscription, error as Error, env);
    }
  }

  private async deadLetter(
    message: PublishedMessage,
    subscription: Subscription,
    error: Error,
    env: DeliveryEnv,
  ) {
    const target = subscription.deadLetterTargetArn;
    const what = `SNS: delivery of ${message.messageId} to ${subscription.protocol}:${subscription.endpoint} failed (${error.message})`;
    if (!target) return this.ctx.log(`${what}; the subscription has no dead-letter queue, message dropped`);
    try {
      await this.authorize(message.topicArn, target, 'dead letters');
      const attributes = Object.fromEntries(Object.entries(message.attributes).slice(0, 10));
      await this.ctx.sqs.send(target, { body: deliveryBody(message, subscription, env.urls), attributes });
      this.ctx.log(`${what}; moved to dead-letter queue ${target}`);
    } catch (dlqError) {
      this.ctx.log(`${what}; dead-letter queue ${target} refused it too (${(dlqError as Error).message})`);
    }
  }

  /**
   * SNS delivers to a queue or a function as `sns.amazonaws.com` with the topic as `aws:SourceArn`: the
   * queue's policy or the function's permission must allow it. A refusal is a client-side error: the message
   * goes to the subscription's dead-letter queue, without retries, as on AWS.
   */
  private async authorize(topicArn: string, endpoint: string, what: string): Promise<void> {
    if (!endpoint.startsWith('arn:')) return;
    const denial = await this.ctx.iam?.authorizeDelivery({
      principal: 'sns.amazonaws.com',
      target: endpoint,
      source: topicArn,
      caller: `topic ${topicArn} ${what} → ${endpoint}`,
    });
    if (denial) throw denial.error;
  }

  private metric(name: SnsMetric, message: PublishedMessage): void {
    this.ctx.metrics.put({
      namespace: 'AWS/SNS',
      name,
      dimensions: { TopicName: message.topicArn.split(':').pop() ?? '' },
      value: 1,
      unit: 'Count',
      timestamp: message.timestamp,
    });
  }
}
