/**
 * The SQS event-consumer stack: `sqsEventConsumer({ parse, handle, idempotency })` turns a domain-event handler
 * into a Lambda handler for an SQS queue fed by an EventBridge rule, with partial batch failures, poison-message
 * reporting and de-duplication on `detail.metadata.eventId`.
 */
import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import middy, { type MiddyfiedHandler } from '@middy/core';
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { observability as defaultObservability, type Observability } from './observability';
import { idempotentHandler } from './sqs/idempotentHandler';
import { recordHandler } from './sqs/recordHandler';
import type { DomainEventLike, EventHandler, IdempotencyOptions } from './sqs/types';
import { traceHandler } from './tracing';

export { PoisonMessageError } from './sqs/PoisonMessageError';
export type * from './sqs/types';

export interface SqsEventConsumerOptions<E extends DomainEventLike> {
  /** Turns a record into a domain event, throwing when it is not one (e.g. `parseSqsRecord` of @spendwise/contracts). */
  parse: (record: SQSRecord) => E;
  /** Applies one event; throw to have the record retried. */
  handle: EventHandler<E>;
  /** De-duplication on the event id, or `false` for handlers that are naturally idempotent. */
  idempotency: IdempotencyOptions | false;
  /** Logger, metrics and tracer; defaults to the module-level ones of `@spendwise/lambda-kit/observability`. */
  observability?: Observability;
  /**
   * Handle the batch's records concurrently instead of one after another (default false), for handlers that wait
   * on something outside (an HTTP call): one slow record then costs the batch its own time, not the sum of all
   * of them. The batch size bounds the concurrency. Log lines of a record carry its ids only where the handler
   * adds them (the shared logger's keys would mix records); the kit's own failure line always does.
   */
  processInParallel?: boolean;
}

/** The Lambda handler `sqsEventConsumer` builds. */
export type SqsEventConsumer = MiddyfiedHandler<SQSEvent, SQSBatchResponse, Error, Context>;

/**
 * Builds the Lambda handler of an SQS event consumer (the event source mapping must enable
 * `ReportBatchItemFailures`). Records are handled one after another, so each log line carries its own event's
 * correlation id, unless `processInParallel` is set; only failed records are returned in `batchItemFailures`.
 *
 * @example
 * export const handler = sqsEventConsumer({
 *   parse: parseSqsRecord,
 *   handle: (event) => applyToMonthlyTotals(event),
 *   idempotency: { tableName: requireEnv('IDEMPOTENCY_TABLE_NAME'), client: dynamoClient },
 * });
 */
export const sqsEventConsumer = <E extends DomainEventLike>(
  options: SqsEventConsumerOptions<E>,
): SqsEventConsumer => {
  const { logger, metrics, tracer } = options.observability ?? defaultObservability;
  const onDuplicate = () => {
    logger.info('Duplicate event skipped');
    metrics.addMetric('DuplicateEvents', MetricUnit.Count, 1);
  };
  const idempotent = idempotentHandler(options.handle, options.idempotency, onDuplicate);
  const processInParallel = options.processInParallel ?? false;
  const onRecord = recordHandler({
    parse: options.parse,
    handle: idempotent.handle,
    logger,
    metrics,
    sharedLogKeys: !processInParallel,
  });
  const processor = new BatchProcessor(EventType.SQS);

  const run = async (event: SQSEvent, context: Context): Promise<SQSBatchResponse> => {
    idempotent.registerInvocation(context);
    return processPartialResponse(event, onRecord, processor, {
      context,
      processInParallel,
      throwOnFullBatchFailure: false,
    });
  };

  return middy<SQSEvent, SQSBatchResponse, Error, Context>(run)
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .use(traceHandler(tracer, { captureResponse: false }))
    .use(logMetrics(metrics, { captureColdStartMetric: true }));
};
