import { randomUUID } from 'node:crypto';
import type { DetailType, EventData, EventSource, LatestEventEnvelope } from './catalogue';
import { InvalidEventError } from './errors';
import type { StandaloneValidator } from './validatorRuntime';

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
 * One event's latest version as the generated definitions export it (`ExpenseRecorded`, `BudgetSet`, …).
 * Producers pass it instead of a name so their bundle holds this event's validator and no other's.
 */
export interface EventDefinitionOf<T extends DetailType> {
  readonly source: EventSource<T>;
  readonly detailType: T;
  readonly version: number;
  readonly validate: StandaloneValidator<unknown>;
}

/**
 * Builds an event of the given definition and validates its detail against the schema.
 * Throws InvalidEventError when the data does not fit, so an invalid event never reaches an outbox or the bus.
 *
 * @example createEvent(ExpenseRecorded, { expense }, { userId, correlationId: requestId, causationId: requestId })
 */
export function createEvent<T extends DetailType>(
  definition: EventDefinitionOf<T>,
  data: EventData<T>,
  context: EventContext,
  options: CreateEventOptions = {},
): LatestEventEnvelope<T> {
  const { detailType, source, version } = definition;
  const eventId = options.eventId ?? randomUUID();
  const detail = {
    metadata: {
      eventId,
      eventVersion: version,
      occurredAt: (options.occurredAt ?? new Date()).toISOString(),
      correlationId: context.correlationId,
      causationId: context.causationId,
      userId: context.userId,
    },
    data,
  };
  if (!definition.validate(detail)) {
    throw new InvalidEventError(`${detailType} v${version} detail does not match its schema`, {
      reason: 'schema',
      detailType,
      version,
      eventId,
      errors: definition.validate.errors ?? [],
    });
  }
  return { source, detailType, detail } as LatestEventEnvelope<T>;
}
