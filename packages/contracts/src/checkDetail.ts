import { type DetailType, type EventDefinition, findEventDefinition, isDetailType } from './catalogue';
import { InvalidEventError } from './errors';

/** An event as it travels: its detail-type, source and detail, whatever produced them. */
export interface UncheckedEvent {
  readonly detailType: unknown;
  readonly source: unknown;
  readonly detail: unknown;
}

/**
 * Checks an event against the catalogue: known detail-type (and among `accepted` when given), the source that
 * owns it, a known `metadata.eventVersion`, and a detail valid for that version's schema.
 * Returns the matching definition; throws InvalidEventError otherwise.
 */
export function checkEventDetail(event: UncheckedEvent, accepted?: readonly DetailType[]): EventDefinition {
  const { detailType, source, detail } = event;
  const eventId = metadataField(detail, 'eventId');
  if (!isDetailType(detailType)) {
    throw new InvalidEventError(`unknown detail-type ${JSON.stringify(detailType)}`, {
      reason: 'unknown-detail-type',
      eventId: typeof eventId === 'string' ? eventId : undefined,
    });
  }
  const known = { detailType, eventId: typeof eventId === 'string' ? eventId : undefined };
  if (accepted && !accepted.includes(detailType)) {
    throw new InvalidEventError(`${detailType} is not among the accepted detail-types`, {
      reason: 'not-accepted',
      ...known,
    });
  }
  const version = metadataField(detail, 'eventVersion');
  const definition = findEventDefinition(detailType, version);
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

function metadataField(detail: unknown, field: string): unknown {
  if (typeof detail !== 'object' || detail === null) return undefined;
  const metadata = (detail as { metadata?: unknown }).metadata;
  if (typeof metadata !== 'object' || metadata === null) return undefined;
  return (metadata as Record<string, unknown>)[field];
}
