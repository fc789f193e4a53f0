export { answer, type ModelAnswer } from './answer';
export { BedrockApi } from './api';
export {
  type BedrockBackendOptions,
  type BedrockRuntimePort,
  bedrockBackend,
  bedrockRuntimePort,
} from './bedrockBackend';
export type { Conversation } from './conversation';
export { BedrockError } from './errors';
export { type Fault, type FaultSettings, FaultSwitches, faultsFromEnv, TIMEOUT_MARGIN_MS } from './faults';
export { LOCAL_MODEL_HEADER, LocalModel, type LocalModelOptions } from './localModel';
export type { ModelBackend } from './modelBackend';
export { ModelEndpointError, type ModelEndpointOptions, modelBackendOf } from './modelEndpoint';
export { type OpenAiBackendOptions, openAiBackend } from './openAiBackend';
export {
  DEFAULT_REQUEST_LOG_SIZE,
  type ModelRequest,
  ModelRequestLog,
  requestLogSizeFromEnv,
  requestText,
} from './requestLog';
export { type JsonSchema, sampleFromSchema, violateSchema } from './schemaSample';
