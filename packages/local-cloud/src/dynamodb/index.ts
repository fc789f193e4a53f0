export {
  CAPACITY_OPERATIONS,
  CapacityMeter,
  type ConsumedCapacity,
  type TableUsage,
  type Units,
} from './capacityMeter';
export {
  type DynamoDbLocalProcess,
  DynamoDbLocalStartError,
  freePort,
  type StartDynamoDbLocalOptions,
  startDynamoDbLocal,
} from './dynamoDbLocal';
export { DynamoDbEngine, type DynamoDbEngineOptions, type LocalDynamoDb, startDynamoDb } from './engine';
export { DynamoDbApi } from './proxy';
export { runBatch } from './streams/batchRunner';
export { type CheckpointStore, fileCheckpoints, memoryCheckpoints } from './streams/checkpoints';
export { DEFAULT_STREAM_TIMINGS, type StreamMapping, type StreamTimings } from './streams/mapping';
export { isDynamoDbStreamArn, streamMapping, streamMappingProvider } from './streams/mappingProvider';
export { type LambdaStreamRecord, type StreamEntry, tableOfStream, toLambdaRecord } from './streams/records';
export { StreamPoller } from './streams/streamPoller';
export { tableProvider } from './tableProvider';
export { type TableSpec, tableSpec } from './tableSpec';
export { TtlDeletions } from './ttlDeletions';
export { TtlSweeper, type TtlSweeperOptions } from './ttlSweeper';
export {
  type DynamoDbCall,
  DynamoDbLocalError,
  dynamoDbCall,
  LOCAL_AUTHORIZATION,
  LOCAL_CREDENTIALS,
} from './wire';
