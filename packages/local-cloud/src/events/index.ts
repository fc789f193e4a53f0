export { createEventsApi } from './api';
export type { Archive, Replay, ReplayRequest } from './archives';
export { isoSeconds, type Scheduler } from './clock';
export {
  EventBridgeEngine,
  type EventBridgeOptions,
  type ReplayedEvent,
  type RuleSummary,
  type ScheduledRule,
} from './engine';
export { InvalidJsonPathError } from './jsonPath';
export { manualScheduler } from './manualScheduler';
export type { InputTransformer, RetryPolicy, Rule, Target } from './model';
export { busArn, ruleArn, ruleRefValue } from './names';
export { archiveProvider, eventBusProvider, eventsResourceProviders, ruleProvider } from './providers';
export { DEFAULT_RETRY_TIMING, type RetryTiming } from './retry';
export { renderTransformer, targetInput } from './transform';
