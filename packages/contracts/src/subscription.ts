import { type DetailType, type EventVersions, isDetailType } from './catalogue';
import { eventRegistry } from './generated/registry';

/**
 * The events a consumer accepts, each in every schema version, with their validators. Built with `subscribe`
 * from the registry's `<DetailType>Versions` constants, so a consumer's bundle carries the validators of its
 * own events and no other's (the whole catalogue's are about 140 KB).
 */
export interface Subscription<T extends DetailType = DetailType> {
  readonly events: ReadonlyMap<string, EventVersions<T>>;
}

/**
 * The subscription of a consumer to the given events.
 *
 * @example const SPENDING_EVENTS = subscribe(ExpenseRecordedVersions, ExpenseDeletedVersions);
 */
export function subscribe<const E extends readonly EventVersions[]>(
  ...events: E
): Subscription<E[number]['detailType']> {
  if (events.length === 0) throw new Error('a subscription needs at least one event');
  for (const event of events) {
    if (!isDetailType(event.detailType))
      throw new Error(`${event.detailType} is not an event of the catalogue`);
  }
  return { events: new Map(events.map((event) => [event.detailType, event])) };
}

let everyEventSubscription: Subscription | undefined;

/** Every event of the catalogue, for tools and tests that read any event (a consumer subscribes to its own). */
export function everyEvent(): Subscription {
  everyEventSubscription ??= subscribe(...Object.values(eventRegistry));
  return everyEventSubscription;
}
