import type { Logger } from '@aws-lambda-powertools/logger';
import { type Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import type { Context, SQSRecord } from 'aws-lambda';
import { PoisonMessageError } from './PoisonMessageError';
import type { DomainEventLike, RecordMeta } from './types';

export interface RecordHandlerOptions<E> {
  parse: (record: SQSRecord) => E;
  handle: (event: E, meta: RecordMeta) => Promise<unknown>;
  logger: Logger;
  metrics: Metrics;
  /**
   * Append the record's ids to the shared logger while it is handled (default true). Off when records are
   * handled concurrently: the keys of one would appear on another's lines.
   */
  sharedLogKeys?: boolean;
}

const parseOrReject = <E>(record: SQSRecord, options: RecordHandlerOptions<E>): E => {
  try {
    return options.parse(record);
  } catch (error) {
    options.logger.error('Poison message', { messageId: record.messageId, error });
    options.metrics.addMetric('PoisonMessages', MetricUnit.Count, 1);
    throw new PoisonMessageError(record.messageId, error);
  }
};

/**
 * The per-record function BatchProcessor calls: parse (a failure is a poison message), then handle with the
 * event's correlation id and ids on every log line. Throwing marks the record as failed.
 *
 * @example
 * const onRecord = recordHandler({ parse: parseSqsRecord, handle, logger, metrics });
 */
export const recordHandler = <E extends DomainEventLike>(options: RecordHandlerOptions<E>) => {
  const { logger } = options;
  return async (record: SQSRecord, context?: Context): Promise<unknown> => {
    const event = parseOrReject(record, options);
    const { eventId, correlationId } = event.detail.metadata;
    const keys = { messageId: record.messageId, eventId, correlationId: correlationId ?? eventId };
    const shared = options.sharedLogKeys ?? true;
    if (shared) logger.appendKeys(keys);
    try {
      return await options.handle(event, { record, context: context as Context });
    } catch (error) {
      if (shared) logger.error('Event handling failed', error as Error);
      else logger.error('Event handling failed', { ...keys, error: error as Error });
      throw error;
    } finally {
      if (shared) logger.removeKeys(Object.keys(keys));
    }
  };
};
