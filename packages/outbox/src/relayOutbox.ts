import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { EventEnvelope } from '@spendwise/contracts';
import { EventPublishError } from '@spendwise/contracts';
import type { DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { eventFromOutboxItem } from './outboxItem';
import type { DrainOutbox, FindPendingOutbox, PublishEvents } from './ports';

export interface RelayDependencies {
  findPendingOutbox: FindPendingOutbox;
  publish: PublishEvents;
  drainOutbox: DrainOutbox;
  log?: (message: string, details: Record<string, unknown>) => void;
  /** Told how many events each invocation relayed (a metric in production). */
  onRelayed?: (count: number) => void;
}

interface Entry {
  record: DynamoDBRecord;
  event?: EventEnvelope;
}

/**
 * Relays outbox records from the table's stream to the bus. Records already drained (relayed by an earlier
 * attempt) are skipped, relayed ones are drained, and the first record that could not be relayed is reported
 * so the stream retries from there (partial batch response).
 */
export function relayOutbox(deps: RelayDependencies) {
  return async (streamEvent: DynamoDBStreamEvent): Promise<DynamoDBBatchResponse> => {
    const entries: Entry[] = streamEvent.Records.map((record) => ({
      record,
      event: readOutboxEvent(record, deps),
    }));
    const events = entries.flatMap((entry) => (entry.event ? [entry.event] : []));
    const pending = await deps.findPendingOutbox(events.map(eventIdOf));
    const toPublish = events.filter((event) => pending.has(eventIdOf(event)));

    const failed = new Set<string>();
    if (toPublish.length > 0) {
      try {
        await deps.publish(toPublish);
      } catch (error) {
        if (!(error instanceof EventPublishError)) throw error;
        for (const failure of error.failures) failed.add(failure.eventId);
      }
    }
    const relayed = toPublish.map(eventIdOf).filter((id) => !failed.has(id));
    await deps.drainOutbox(relayed);
    deps.onRelayed?.(relayed.length);

    const firstFailure = entries.find((entry) => !entry.event || failed.has(eventIdOf(entry.event)));
    const sequence = firstFailure?.record.dynamodb?.SequenceNumber;
    return { batchItemFailures: sequence ? [{ itemIdentifier: sequence }] : [] };
  };
}

const eventIdOf = (event: EventEnvelope) => event.detail.metadata.eventId;

function readOutboxEvent(record: DynamoDBRecord, deps: RelayDependencies): EventEnvelope | undefined {
  try {
    const image = record.dynamodb?.NewImage;
    if (!image) throw new Error('stream record has no new image');
    return eventFromOutboxItem(unmarshall(image as Record<string, AttributeValue>));
  } catch (error) {
    deps.log?.('Outbox record could not be read', {
      sequenceNumber: record.dynamodb?.SequenceNumber,
      error: (error as Error).message,
    });
    return undefined;
  }
}
