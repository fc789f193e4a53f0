import { randomBytes } from 'node:crypto';
import type { LocalCloud } from '../../core/context';
import type { ResolvedResource, ResourceProvider } from '../../core/resources';
import type { QueueRegistry } from '../registry';

const TYPE = 'AWS::SQS::Queue';

/** Template properties that become queue attributes (CloudFormation gives the policies as objects). */
const ATTRIBUTES = [
  'DelaySeconds',
  'MaximumMessageSize',
  'MessageRetentionPeriod',
  'ReceiveMessageWaitTimeSeconds',
  'VisibilityTimeout',
  'RedrivePolicy',
  'RedriveAllowPolicy',
];
// Encryption at rest means nothing for an in-memory queue; accepted without a report.
const NO_OPS = new Set([
  'SqsManagedSseEnabled',
  'KmsMasterKeyId',
  'KmsDataKeyReusePeriodSeconds',
  'QueueName',
  'Tags',
]);
const FIFO = new Set(['FifoQueue', 'ContentBasedDeduplication', 'DeduplicationScope', 'FifoThroughputLimit']);

/** `AWS::SQS::Queue`: Ref is the queue URL; GetAtt Arn, QueueName, QueueUrl. A redeploy updates the attributes. */
export function sqsQueueProvider(registry: QueueRegistry): ResourceProvider {
  return {
    types: [TYPE],
    async create(resource, ctx) {
      const p = resource.properties;
      reportUnhonoured(resource, ctx);
      const name = typeof p.QueueName === 'string' ? p.QueueName : generatedName(resource);
      const attributes = Object.fromEntries(
        ATTRIBUTES.filter((key) => p[key] !== undefined).map((key) => [key, attributeText(p[key])]),
      );
      const tags = Object.fromEntries(
        (Array.isArray(p.Tags) ? (p.Tags as { Key: string; Value: string }[]) : []).map((t) => [
          t.Key,
          String(t.Value),
        ]),
      );
      const existing = registry.resolve(name);
      const queue = existing ?? registry.create(name, attributes, tags, { fifoAsStandard: true });
      if (existing) registry.update(existing, attributes);
      return { ref: queue.url, attributes: { Arn: queue.arn, QueueName: queue.name, QueueUrl: queue.url } };
    },
  };
}

const attributeText = (value: unknown): string =>
  typeof value === 'object' && value !== null ? JSON.stringify(value) : String(value);

/** CloudFormation names an unnamed queue `<stack>-<logicalId>-<random>` within SQS's 80 characters. */
function generatedName(resource: ResolvedResource): string {
  const suffix = randomBytes(9)
    .toString('base64url')
    .replace(/[^A-Za-z0-9]/g, 'X')
    .toUpperCase()
    .slice(0, 12);
  const prefix = `${resource.stack}-${resource.logicalId}`.replace(/[^A-Za-z0-9_-]/g, '').slice(0, 80 - 13);
  return `${prefix}-${suffix}`;
}

function reportUnhonoured(resource: ResolvedResource, ctx: LocalCloud): void {
  const p = resource.properties;
  const isFifo = p.FifoQueue === true || p.FifoQueue === 'true';
  for (const property of Object.keys(p)) {
    if (ATTRIBUTES.includes(property) || NO_OPS.has(property) || (FIFO.has(property) && !isFifo)) continue;
    const reason = FIFO.has(property)
      ? 'FIFO queues are not emulated: the queue runs as a standard queue (no group ordering, no de-duplication)'
      : 'not supported by the local SQS';
    ctx.report({ stack: resource.stack, logicalId: resource.logicalId, type: TYPE, property, reason });
  }
}
