export { StepFunctionsApi } from './api';
export { auditDefinition, type DefinitionFinding } from './audit';
export { type AslDefinition, InvalidDefinitionError, substitute } from './definition';
export { type StateMachineInput, StepFunctionsEngine, type StepFunctionsEngineOptions } from './engine';
export type { ModelInvoker } from './integrations';
export { installNode22Polyfills } from './nodePolyfills';
export { StateMachineProvider } from './provider';
export { TaskFailedError } from './taskError';
export type * from './types';
