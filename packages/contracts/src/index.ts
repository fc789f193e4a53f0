/**
 * @spendwise/contracts: the event catalogue at run time. Types and standalone validators generated from
 * events/ (`pnpm gen`), createEvent for producers, a reliable EventBridge publisher, parseEvent /
 * parseSqsRecord for consumers, and formatMoney, the one way money is written for people.
 */

export { type BatchLimits, PUT_EVENTS_LIMITS, putEventsEntrySize, splitIntoBatches } from './batching';
export {
  type DetailType,
  type EventData,
  type EventDefinition,
  type EventDetail,
  type EventEnvelope,
  type EventSource,
  type EventVersion,
  type EventVersions,
  findEventDefinition,
  isDetailType,
  type LatestEventEnvelope,
  type LatestVersion,
  latestEventDefinition,
} from './catalogue';
export { checkEventDetail, checkSubscribedEvent, type UncheckedEvent } from './checkDetail';
export { type ParsedEvent, parseEvent, parseSqsRecord, type SubscribedEvent } from './consumer';
export {
  type CreateEventOptions,
  createEvent,
  type EventContext,
  type EventDefinitionOf,
} from './createEvent';
export * from './defaultCategories';
export {
  EventPublishError,
  EventTooLargeError,
  type InvalidEventDetails,
  InvalidEventError,
  type InvalidEventReason,
  type PublishFailure,
} from './errors';
export * from './generated/definitions';
export * from './generated/registry';
export type * from './generated/types';
export * from './generated/validators';
export { currencyDigits, DEFAULT_MONEY_LOCALE, formatMoney, type MoneyAmount } from './money';
export {
  buildEventPublisher,
  type EventPublisher,
  type EventPublisherConfig,
  type PublishEvents,
  type PublishSummary,
  type PutEventsSender,
} from './publisher';
export { fullJitterDelay, isRetryableCallError, isRetryableEntryError } from './retry';
export { everyEvent, type Subscription, subscribe } from './subscription';
export { type ValidationIssue, validationErrors } from './validationErrors';
export type { ErrorObject, StandaloneValidator } from './validatorRuntime';
