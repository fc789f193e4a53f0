import { randomBytes } from 'node:crypto';
import { iamEvaluated, type LocalCloud } from '../core/context';
import { resourceReporter } from '../core/report';
import type { CreatedResource, ResolvedResource, ResourceProvider } from '../core/resources';
import { isSupportedProtocol } from './model';
import type { SnsRegistry } from './registry';

/** Reasons for properties the local SNS accepts but does not honour. */
const TOPIC_UNHONOURED: Record<string, string> = {
  ContentBasedDeduplication: 'FIFO topics are not emulated',
  FifoThroughputScope: 'FIFO topics are not emulated',
  ArchivePolicy: 'message archiving and replay are not emulated',
  DataProtectionPolicy: 'data protection policies are not enforced',
  DeliveryStatusLogging: 'delivery status is not logged to CloudWatch Logs',
  SignatureVersion: 'notifications are not signed locally (Signature is a fixed marker)',
  TracingConfig: 'X-Ray tracing is not emulated',
};
/** Properties used as given, or that have no meaning locally (encryption at rest). */
const TOPIC_HONOURED = new Set([
  'TopicName',
  'DisplayName',
  'Subscription',
  'Tags',
  'KmsMasterKeyId',
  'FifoTopic',
]);

const SUBSCRIPTION_UNHONOURED: Record<string, string> = {
  DeliveryPolicy:
    'accepted; HTTP/S deliveries use the local retry schedule (a few quick retries), not this policy',
  ReplayPolicy: 'message replay is not emulated',
  SubscriptionRoleArn: 'only Firehose subscriptions use it, and they are not emulated',
};
const SUBSCRIPTION_HONOURED = new Set([
  'TopicArn',
  'Protocol',
  'Endpoint',
  'FilterPolicy',
  'FilterPolicyScope',
  'RawMessageDelivery',
  'RedrivePolicy',
  'Region',
]);

/** Reports every property the provider does not honour, by name. */
function reportProperties(
  resource: ResolvedResource,
  ctx: LocalCloud,
  honoured: Set<string>,
  unhonoured: Record<string, string>,
) {
  for (const property of Object.keys(resource.properties)) {
    if (honoured.has(property)) continue;
    const reason = unhonoured[property] ?? 'unknown property, ignored';
    resourceReporter(ctx, resource)(property, reason);
  }
}

/** CloudFormation's physical name for an unnamed resource: `<stack>-<logicalId>-<RANDOM>`. */
const generatedName = (resource: ResolvedResource) =>
  `${resource.stack}-${resource.logicalId}-${randomBytes(6).toString('hex').toUpperCase()}`.slice(0, 256);

const stringRecord = (tags: unknown): Record<string, string> =>
  Array.isArray(tags)
    ? Object.fromEntries(tags.map((t: { Key: string; Value: string }) => [String(t.Key), String(t.Value)]))
    : {};

/** `AWS::SNS::Topic`: Ref is the topic ARN; GetAtt TopicArn and TopicName. */
export function topicProvider(registry: SnsRegistry): ResourceProvider {
  return {
    types: ['AWS::SNS::Topic'],
    async create(resource, ctx): Promise<CreatedResource> {
      const p = resource.properties;
      reportProperties(resource, ctx, TOPIC_HONOURED, TOPIC_UNHONOURED);
      const fifo = p.FifoTopic === true || p.FifoTopic === 'true';
      if (fifo) report(resource, ctx, 'FifoTopic', 'FIFO ordering and de-duplication are not emulated');
      const name =
        typeof p.TopicName === 'string' ? p.TopicName : `${generatedName(resource)}${fifo ? '.fifo' : ''}`;
      const attributes: Record<string, string> = {};
      if (typeof p.DisplayName === 'string') attributes.DisplayName = p.DisplayName;
      if (typeof p.KmsMasterKeyId === 'string') attributes.KmsMasterKeyId = p.KmsMasterKeyId;
      const topic = registry.createTopic(name, attributes, stringRecord(p.Tags));
      for (const entry of (p.Subscription as { Protocol?: string; Endpoint?: string }[] | undefined) ?? []) {
        if (!isSupportedProtocol(String(entry.Protocol))) {
          report(
            resource,
            ctx,
            'Subscription',
            `protocol ${entry.Protocol} is not emulated; subscription skipped`,
          );
          continue;
        }
        const subscription = registry.subscribe(topic.arn, String(entry.Protocol), String(entry.Endpoint));
        announce(ctx, subscription.protocol, subscription.endpoint, topic.name);
      }
      return { ref: topic.arn, attributes: { TopicArn: topic.arn, TopicName: topic.name } };
    },
  };
}

const report = (resource: ResolvedResource, ctx: LocalCloud, property: string, reason: string) =>
  resourceReporter(ctx, resource)(property, reason);

/** Says in the log that a subscription needing confirmation on AWS was confirmed locally. */
export function announce(ctx: LocalCloud, protocol: string, endpoint: string, topicName: string) {
  if (protocol.startsWith('email') || protocol.startsWith('http'))
    ctx.log(
      `SNS: ${protocol} subscription ${endpoint} to ${topicName} confirmed automatically (no confirmation step locally)`,
    );
}

/** `AWS::SNS::Subscription`: Ref and GetAtt Arn are the subscription ARN. */
export function subscriptionProvider(registry: SnsRegistry): ResourceProvider {
  return {
    types: ['AWS::SNS::Subscription'],
    async create(resource, ctx): Promise<CreatedResource> {
      const p = resource.properties;
      reportProperties(resource, ctx, SUBSCRIPTION_HONOURED, SUBSCRIPTION_UNHONOURED);
      if (typeof p.Region === 'string' && p.Region !== ctx.config.region)
        report(
          resource,
          ctx,
          'Region',
          `cross-region subscriptions are not emulated; treated as ${ctx.config.region}`,
        );
      const protocol = String(p.Protocol);
      const topicArn = String(p.TopicArn);
      if (!isSupportedProtocol(protocol)) {
        report(resource, ctx, 'Protocol', `protocol ${protocol} is not emulated; nothing is delivered`);
        const placeholder = `${topicArn}:unsupported-${resource.logicalId}`;
        return { ref: placeholder, attributes: { Arn: placeholder } };
      }
      const subscription = registry.subscribe(topicArn, protocol, String(p.Endpoint), p);
      if (p.DeliveryPolicy !== undefined)
        registry.updateSubscription(
          subscription.arn,
          {},
          { DeliveryPolicy: JSON.stringify(p.DeliveryPolicy) },
        );
      announce(ctx, protocol, subscription.endpoint, topicArn.split(':').pop() ?? topicArn);
      return { ref: subscription.arn, attributes: { Arn: subscription.arn } };
    },
  };
}

/** `AWS::SNS::TopicPolicy`: read by the local IAM (iam/policies.ts); with `--iam off`, reported once per stack. */
export function topicPolicyProvider(): ResourceProvider {
  const reportedStacks = new Set<string>();
  return {
    types: ['AWS::SNS::TopicPolicy'],
    async create(resource, ctx): Promise<CreatedResource> {
      if (!iamEvaluated(ctx) && !reportedStacks.has(resource.stack)) {
        reportedStacks.add(resource.stack);
        const reason =
          'topic policies are accepted but not enforced (--iam off): locally anyone may publish and subscribe';
        report(resource, ctx, 'PolicyDocument', reason);
      }
      return { ref: `${resource.stack}-${resource.logicalId}`, attributes: {} };
    },
  };
}
