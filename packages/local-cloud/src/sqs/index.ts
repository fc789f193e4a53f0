/** The local SQS engine: queues, the SQS JSON API, and Lambda SQS event source mappings. */
export { type Clock, ManualClock, systemClock } from './clock';
export { type QueueSummary, SqsEngine, type SqsEngineOptions } from './engine';
export { sqsError } from './errors';
export { type BatchOutcome, batchOutcome } from './esm/batchOutcome';
export { sqsRecord } from './esm/lambdaEvent';
export { DEFAULT_CONCURRENCY, sqsEventSourceMappingProvider } from './esm/mappingProvider';
export { type PollResult, type SqsMapping, SqsPoller } from './esm/poller';
export { md5Hex, md5OfMessageAttributes } from './md5';
export type { MoveTaskEntry, StartedMoveTask } from './moveTasks';
export { sqsQueuePolicyProvider } from './providers/queuePolicyProvider';
export { sqsQueueProvider } from './providers/queueProvider';
export type { QueueCounts, SqsQueue } from './queue';
export type { QueueRegistry } from './registry';
