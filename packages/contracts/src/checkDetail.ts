import {
  type DetailType,
  type EventDefinition,
  type EventVersions,
  findEventDefinition,
  isDetailType,
} from './catalogue';
import { InvalidEventError } from './errors';
import type { Subscription } from './subscription';

/** An event as it travels: its detail-type, source and detail, whatever produced them. */
export interface UncheckedEvent {
  readonly detailType: unknown;
  readonly source: unknown;
  readonly detail: unknown;
}

/**
 * Checks an event against the whole catalogue: known detail-type (and among `accepted` when given), the source
 * that owns it, a known `metadata.eventVersion`, and a detail valid for that version's schema. For publishers,
 * which may send any event; a consumer checks against its subscription (`checkSubscribedEvent`).
 * Returns the matching definition; throws InvalidEventError otherwise.
 */
export function checkEventDetail(event: UncheckedEvent, accepted?: readonly DetailType[]): EventDefinition {
  const detailType = knownDetailType(event);
  if (accepted && !accepted.includes(detailType)) throw notAccepted(event, detailType);
  return checkVersion(event, detailType, (version) => findEventDefinition(detailType, version));
}

/**
 * Checks an event against a consumer's subscription, as checkEventDetail does against the catalogue: a known
 * detail-type the subscription accepts, its source, a known version, and a valid detail. Only the subscribed
 * events' validators are used, so only theirs are bundled.
 */
export function checkSubscribedEvent(event: UncheckedEvent, subscription: Subscription): EventDefinition {
  const detailType = knownDetailType(event);
  const versions: EventVersions | undefined = subscription.events.get(detailType);
  if (!versions) throw notAccepted(event, detailType);
  return checkVersion(event, detailType, (version) =>
    typeof version === 'number' && Object.hasOwn(versions.versions, version)
      ? versions.versions[version]
      : undefined,
  );
}

function knownDetailType(event: UncheckedEvent): DetailType {
  if (!isDetailType(event.detailType)) {
    throw new InvalidEventError(`unknown detail-type ${JSON.stringify(event.detailType)}`, {
      reason: 'unknown-detail-type',
      eventId: eventIdOf(event),
    });
  }
  return event.detailType;
}

function notAccepted(event: UncheckedEvent, detailType: DetailType): InvalidEventError {
  return new InvalidEventError(`${detailType} is not among the accepted detail-types`, {
    reason: 'not-accepted',
    detailType,
    eventId: eventIdOf(event),
  });
}

function checkVersion(
  event: UncheckedEvent,
  detailType: DetailType,
  findVersion: (version: unknown) => EventDefinition | undefined,
): EventDefinition {
  const { source, detail } = event;
  const known = { detailType, eventId: eventIdOf(event) };
  const version = metadataField(detail, 'eventVersion');
  const definition = findVersion(version);
  if (!definition) {
    throw new InvalidEventError(`${detailType} has no schema version ${JSON.stringify(version)}`, {
      reason: 'unknown-version',
      ...known,
    });
  }
  if (source !== definition.source) {
    throw new InvalidEventError(
      `${detailType} comes from ${definition.source}, not ${JSON.stringify(source)}`,
      {
        reason: 'source-mismatch',
        ...known,
        version: definition.version,
      },
    );
  }
  if (!definition.validate(detail)) {
    throw new InvalidEventError(`${detailType} v${definition.version} detail does not match its schema`, {
      reason: 'schema',
      ...known,
      version: definition.version,
      errors: definition.validate.errors ?? [],
    });
  }
  return definition;
}

function eventIdOf(event: UncheckedEvent): string | undefined {
  const eventId = metadataField(event.detail, 'eventId');
  return typeof eventId === 'string' ? eventId : undefined;
}

function metadataField(detail: unknown, field: string): unknown {
  if (typeof detail !== 'object' || detail === null) return undefined;
  const metadata = (detail as { metadata?: unknown }).metadata;
  if (typeof metadata !== 'object' || metadata === null) return undefined;
  return (metadata as Record<string, unknown>)[field];
}
