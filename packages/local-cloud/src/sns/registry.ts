import { randomUUID } from 'node:crypto';
import { arnOf } from '../core/arn';
import type { LocalCloudConfig } from '../core/config';
import { invalidParameter, subscriptionNotFound, topicNotFound } from './errors';
import { type DeliveryProtocol, isSupportedProtocol, type Subscription, type Topic } from './model';
import { applySettings, type SubscriptionSettings } from './subscriptionAttributes';

const TOPIC_NAME = /^[A-Za-z0-9_-]{1,256}$/;

/** Checks that an endpoint has the form its protocol needs. */
export function validateEndpoint(protocol: DeliveryProtocol, endpoint: string): void {
  const ok: Record<DeliveryProtocol, boolean> = {
    sqs: /^arn:aws:sqs:[^:]*:[^:]*:[^:]+$/.test(endpoint),
    lambda: /^arn:aws:lambda:[^:]*:[^:]*:function:.+$/.test(endpoint),
    http: endpoint.startsWith('http://'),
    https: endpoint.startsWith('https://'),
    email: /^[^@\s]+@[^@\s]+$/.test(endpoint),
    'email-json': /^[^@\s]+@[^@\s]+$/.test(endpoint),
  };
  if (!ok[protocol]) throw invalidParameter(`Invalid ${protocol} endpoint: ${endpoint}`);
}

/** The topics and subscriptions of the local SNS. */
export class SnsRegistry {
  private readonly topicsByArn = new Map<string, Topic>();
  private readonly subscriptionsByArn = new Map<string, Subscription>();

  constructor(private readonly config: Pick<LocalCloudConfig, 'region' | 'accountId'>) {}

  /** Creates a topic, or returns the existing one of that name (CreateTopic is idempotent). */
  createTopic(
    name: string,
    attributes: Record<string, string> = {},
    tags: Record<string, string> = {},
  ): Topic {
    if (!TOPIC_NAME.test(name.replace(/\.fifo$/, '')))
      throw invalidParameter('Topic Name: must be 1-256 letters, numbers, hyphens or underscores');
    const arn = arnOf(this.config, 'sns', name);
    const existing = this.topicsByArn.get(arn);
    if (existing) return existing;
    const topic: Topic = { arn, name, attributes: { ...attributes }, tags: { ...tags } };
    this.topicsByArn.set(arn, topic);
    return topic;
  }

  deleteTopic(arn: string): void {
    this.topicsByArn.delete(arn);
    for (const subscription of this.subscriptionsOf(arn)) this.subscriptionsByArn.delete(subscription.arn);
  }

  findTopic(arn: string): Topic | undefined {
    return this.topicsByArn.get(arn);
  }

  topic(arn: string): Topic {
    const topic = this.topicsByArn.get(arn);
    if (!topic) throw topicNotFound();
    return topic;
  }

  topics(): Topic[] {
    return [...this.topicsByArn.values()];
  }

  /** Subscribes an endpoint; subscribing the same endpoint twice returns the first subscription. */
  subscribe(topicArn: string, protocol: string, endpoint: string, settings: SubscriptionSettings = {}) {
    this.topic(topicArn);
    if (!isSupportedProtocol(protocol)) throw invalidParameter(`Invalid protocol type: ${protocol}`);
    validateEndpoint(protocol, endpoint);
    const same = this.subscriptionsOf(topicArn).find(
      (s) => s.protocol === protocol && s.endpoint === endpoint,
    );
    if (same) return same;
    const subscription: Subscription = {
      arn: `${topicArn}:${randomUUID()}`,
      topicArn,
      protocol,
      endpoint,
      ...applySettings({ rawMessageDelivery: false, filterPolicyScope: 'MessageAttributes' }, settings),
      extra: {},
    };
    this.subscriptionsByArn.set(subscription.arn, subscription);
    return subscription;
  }

  unsubscribe(arn: string): boolean {
    return this.subscriptionsByArn.delete(arn);
  }

  subscription(arn: string): Subscription {
    const subscription = this.subscriptionsByArn.get(arn);
    if (!subscription) throw subscriptionNotFound();
    return subscription;
  }

  /** Replaces the subscription with one whose settings are updated (validated first). */
  updateSubscription(arn: string, settings: SubscriptionSettings, extra: Record<string, string> = {}) {
    const current = this.subscription(arn);
    const applied = applySettings(current, settings);
    const { filterPolicy: _policy, deadLetterTargetArn: _dlq, ...unchanged } = current;
    const updated: Subscription = { ...unchanged, ...applied, extra: { ...current.extra, ...extra } };
    this.subscriptionsByArn.set(arn, updated);
    return updated;
  }

  subscriptionsOf(topicArn: string): Subscription[] {
    return this.subscriptions().filter((s) => s.topicArn === topicArn);
  }

  subscriptions(): Subscription[] {
    return [...this.subscriptionsByArn.values()];
  }
}
