import { sqsError } from '../errors';
import type { SqsQueue } from '../queue';
import { KNOWN_ATTRIBUTES } from '../queueAttributes';
import { type ActionHandler, optionalInteger, requiredString, stringList, stringMap } from './input';

/** GetQueueAttributes values: stored attributes plus the computed ones, timestamps in seconds as SQS gives them. */
export function queueAttributeValues(queue: SqsQueue, now: number): Record<string, string> {
  const counts = queue.counts(now);
  return {
    ...queue.attributes,
    QueueArn: queue.arn,
    ApproximateNumberOfMessages: String(counts.visible),
    ApproximateNumberOfMessagesNotVisible: String(counts.inFlight),
    ApproximateNumberOfMessagesDelayed: String(counts.delayed),
    CreatedTimestamp: String(Math.floor(queue.createdAt / 1000)),
    LastModifiedTimestamp: String(Math.floor(queue.lastModifiedAt / 1000)),
  };
}

const createQueue: ActionHandler = (input, { registry }) => {
  const queue = registry.create(
    requiredString(input, 'QueueName'),
    stringMap(input, 'Attributes'),
    stringMap(input, 'tags'),
  );
  return { QueueUrl: queue.url };
};

const getQueueUrl: ActionHandler = (input, { registry }) => {
  const owner = input.QueueOwnerAWSAccountId;
  if (owner !== undefined && owner !== registry.config.accountId) {
    throw sqsError('QueueDoesNotExist', 'The specified queue does not exist.');
  }
  return { QueueUrl: registry.require(requiredString(input, 'QueueName')).url };
};

const listQueues: ActionHandler = (input, { registry }) => {
  const prefix = typeof input.QueueNamePrefix === 'string' ? input.QueueNamePrefix : '';
  const max = optionalInteger(input, 'MaxResults', 1, 1000);
  const after =
    typeof input.NextToken === 'string' ? Buffer.from(input.NextToken, 'base64').toString('utf8') : '';
  const names = registry.all().filter((q) => q.name.startsWith(prefix) && q.name > after);
  const page = names.slice(0, max ?? 1000);
  const more = max !== undefined && names.length > page.length;
  return {
    ...(page.length > 0 ? { QueueUrls: page.map((q) => q.url) } : {}),
    ...(more ? { NextToken: Buffer.from(page.at(-1)!.name).toString('base64') } : {}),
  };
};

const getQueueAttributes: ActionHandler = (input, { registry }) => {
  const queue = registry.require(requiredString(input, 'QueueUrl'));
  const names = stringList(input, 'AttributeNames');
  const unknown = names.find((name) => name !== 'All' && !KNOWN_ATTRIBUTES.has(name));
  if (unknown) throw sqsError('InvalidAttributeName', `Unknown Attribute ${unknown}.`);
  const values = queueAttributeValues(queue, registry.clock.now());
  const wanted = names.includes('All') ? Object.keys(values) : names.filter((name) => name in values);
  return wanted.length > 0
    ? { Attributes: Object.fromEntries(wanted.map((name) => [name, values[name]!])) }
    : {};
};

const setQueueAttributes: ActionHandler = (input, { registry }) => {
  registry.update(registry.require(requiredString(input, 'QueueUrl')), stringMap(input, 'Attributes'));
  return {};
};

const deleteQueue: ActionHandler = (input, { registry }) => {
  registry.delete(registry.require(requiredString(input, 'QueueUrl')));
  return {};
};

const purgeQueue: ActionHandler = (input, { registry }) => {
  registry.require(requiredString(input, 'QueueUrl')).purge();
  return {};
};

const listDeadLetterSourceQueues: ActionHandler = (input, { registry }) => {
  const dlq = registry.require(requiredString(input, 'QueueUrl'));
  return { queueUrls: registry.sourcesOf(dlq).map((q) => q.url) };
};

const tagQueue: ActionHandler = (input, { registry }) => {
  const queue = registry.require(requiredString(input, 'QueueUrl'));
  Object.assign(queue.tags, stringMap(input, 'Tags'));
  return {};
};

const untagQueue: ActionHandler = (input, { registry }) => {
  const queue = registry.require(requiredString(input, 'QueueUrl'));
  for (const key of stringList(input, 'TagKeys')) delete queue.tags[key];
  return {};
};

const listQueueTags: ActionHandler = (input, { registry }) => {
  const tags = registry.require(requiredString(input, 'QueueUrl')).tags;
  return Object.keys(tags).length > 0 ? { Tags: { ...tags } } : {};
};

const startMessageMoveTask: ActionHandler = (input, { registry, moveTasks }) => {
  const source = registry.require(requiredString(input, 'SourceArn'));
  const destination =
    input.DestinationArn === undefined ? undefined : registry.require(String(input.DestinationArn));
  const rate = optionalInteger(input, 'MaxNumberOfMessagesPerSecond', 1, 500);
  return { TaskHandle: moveTasks.start(source, destination, rate).TaskHandle };
};

const listMessageMoveTasks: ActionHandler = (input, { registry, moveTasks }) => {
  const source = registry.require(requiredString(input, 'SourceArn'));
  return { Results: moveTasks.list(source, optionalInteger(input, 'MaxResults', 1, 10)) };
};

const cancelMessageMoveTask: ActionHandler = (input, { moveTasks }) =>
  moveTasks.cancel(requiredString(input, 'TaskHandle'));

/** Queue-level SQS actions by name. */
export const queueActions: Record<string, ActionHandler> = {
  CreateQueue: createQueue,
  GetQueueUrl: getQueueUrl,
  ListQueues: listQueues,
  GetQueueAttributes: getQueueAttributes,
  SetQueueAttributes: setQueueAttributes,
  DeleteQueue: deleteQueue,
  PurgeQueue: purgeQueue,
  ListDeadLetterSourceQueues: listDeadLetterSourceQueues,
  TagQueue: tagQueue,
  UntagQueue: untagQueue,
  ListQueueTags: listQueueTags,
  StartMessageMoveTask: startMessageMoveTask,
  ListMessageMoveTasks: listMessageMoveTasks,
  CancelMessageMoveTask: cancelMessageMoveTask,
};
