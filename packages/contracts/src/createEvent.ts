import { randomUUID } from 'node:crypto';
import {
  type DetailType,
  type EventData,
  isDetailType,
  type LatestEventEnvelope,
  latestEventDefinition,
} from './catalogue';
import { checkEventDetail } from './checkDetail';
import { InvalidEventError } from './errors';

/** Who and what caused an event: copied into its metadata. */
export interface EventContext {
  readonly userId: string;
  readonly correlationId: string;
  readonly causationId: string;
}

/** Values a caller fixes instead of letting createEvent draw them (an outbox replays with the same id). */
export interface CreateEventOptions {
  readonly eventId?: string;
  readonly occurredAt?: Date;
}

/**
 * Builds an event of the latest version of `detailType` and validates its detail against the schema.
 * Throws InvalidEventError when the data does not fit, so an invalid event never reaches an outbox or the bus.
 *
 * @example createEvent('ExpenseRecorded', { expense }, { userId, correlationId: requestId, causationId: requestId })
 */
export function createEvent<T extends DetailType>(
  detailType: T,
  data: EventData<T>,
  context: EventContext,
  options: CreateEventOptions = {},
): LatestEventEnvelope<T> {
  if (!isDetailType(detailType)) {
    throw new InvalidEventError(`unknown detail-type ${String(detailType)}`, {
      reason: 'unknown-detail-type',
    });
  }
  const definition = latestEventDefinition(detailType);
  const eventId = options.eventId ?? randomUUID();
  const detail = {
    metadata: {
      eventId,
      eventVersion: definition.version,
      occurredAt: (options.occurredAt ?? new Date()).toISOString(),
      correlationId: context.correlationId,
      causationId: context.causationId,
      userId: context.userId,
    },
    data,
  };
  checkEventDetail({ detailType, source: definition.source, detail });
  return { source: definition.source, detailType, detail } as LatestEventEnvelope<T>;
}
