import type { SQSRecord } from 'aws-lambda';
import type { DetailType, EventSource, EventVersion } from './catalogue';
import { checkSubscribedEvent } from './checkDetail';
import { InvalidEventError } from './errors';
import type { EventDetails } from './generated/registry';
import type { Subscription } from './subscription';

/**
 * A received event, checked against its schema version. For a union of detail-types it is a discriminated
 * union: narrow on `detailType`, then on `version`.
 */
export type ParsedEvent<T extends DetailType = DetailType> = {
  [K in T]: {
    [V in EventVersion<K>]: {
      readonly detailType: K;
      readonly source: EventSource<K>;
      readonly version: V;
      readonly detail: EventDetails[K][V];
      /** EventBridge's own `id`: differs per delivery attempt of a replay, so de-duplicate on detail.metadata.eventId. */
      readonly eventBridgeId: string;
    };
  }[EventVersion<K>];
}[T];

/** The events a subscription accepts, parsed: `SubscribedEvent<typeof SPENDING_EVENTS>`. */
export type SubscribedEvent<S extends Subscription> =
  S extends Subscription<infer T> ? ParsedEvent<T> : never;

/**
 * Parses an EventBridge event (`{ id, source, 'detail-type', detail, … }`) into a typed, validated ParsedEvent.
 * Throws InvalidEventError for anything that is not a valid event of a subscribed detail-type: a consumer
 * treats it as poison (report the message as failed so it ends in the DLQ) rather than retrying it.
 *
 * @example const event = parseEvent(input, subscribe(ExpenseRecordedVersions, ExpenseDeletedVersions));
 */
export function parseEvent<T extends DetailType>(input: unknown, accepted: Subscription<T>): ParsedEvent<T> {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw new InvalidEventError('an EventBridge event must be a JSON object', { reason: 'malformed' });
  }
  const event = input as Record<string, unknown>;
  if (typeof event.id !== 'string' || typeof event['detail-type'] !== 'string') {
    throw new InvalidEventError('an EventBridge event needs a string "id" and "detail-type"', {
      reason: 'malformed',
    });
  }
  const definition = checkSubscribedEvent(
    { detailType: event['detail-type'], source: event.source, detail: event.detail },
    accepted,
  );
  return {
    detailType: definition.detailType,
    source: definition.source,
    version: definition.version,
    detail: event.detail,
    eventBridgeId: event.id,
  } as ParsedEvent<T>;
}

/**
 * Parses an SQS record whose body is an EventBridge event (an EventBridge rule targeting a queue), as parseEvent.
 * Malformed JSON is an InvalidEventError too.
 */
export function parseSqsRecord<T extends DetailType>(
  record: Pick<SQSRecord, 'body' | 'messageId'>,
  accepted: Subscription<T>,
): ParsedEvent<T> {
  let body: unknown;
  try {
    body = JSON.parse(record.body);
  } catch (error) {
    throw new InvalidEventError(`SQS message ${record.messageId} is not JSON`, {
      reason: 'malformed',
      cause: error,
    });
  }
  return parseEvent(body, accepted);
}
