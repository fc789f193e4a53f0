import type { EventEnvelope } from '@spendwise/contracts';

/** Of the given outbox event ids, those whose record is still in the outbox (not yet relayed). */
export type FindPendingOutbox = (eventIds: string[]) => Promise<Set<string>>;

/** Removes relayed records from the outbox. */
export type DrainOutbox = (eventIds: string[]) => Promise<void>;

/** Puts events on the bus; throws EventPublishError naming the events that could not be put. */
export type PublishEvents = (events: EventEnvelope[]) => Promise<unknown>;
