import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import middy from '@middy/core';
import { dynamoDocumentClient } from '@spendwise/lambda-kit/dynamo';
import { requireEnv } from '@spendwise/lambda-kit/env';
import { logger, metrics, traceHandler, tracer } from '@spendwise/lambda-kit/observability';
import { buildOutboxIndex, type OutboxIndex } from './outboxIndex';

/** The metric the outbox age alarm of every publishing service watches (namespace Spendwise, dimension service). */
export const OUTBOX_AGE_METRIC = 'OutboxOldestRecordAge';

/**
 * Seconds since the oldest outbox record still in the table was written (0 when the outbox is empty). It reads
 * the outbox index, not the stream: it measures what a stuck or lost stream leaves behind.
 */
export async function oldestOutboxAgeSeconds(index: OutboxIndex, now: Date): Promise<number> {
  const oldest = await index.oldestWrittenAt();
  return oldest === undefined ? 0 : Math.max(0, Math.floor((now.getTime() - oldest.getTime()) / 1000));
}

/**
 * The outbox monitor of a service, run every minute by a schedule: emits OUTBOX_AGE_METRIC (EMF), which the
 * service's outbox age alarm watches. It only measures; republishing stays the operator's
 * `pnpm ops:outbox-redrive` (docs/adr/0007-finding-and-redriving-stuck-outbox-records.md).
 *
 * @example export const handler = outboxMonitorHandler('EXPENSES_TABLE_NAME');
 */
export function outboxMonitorHandler(tableVariable: string) {
  const index = buildOutboxIndex(dynamoDocumentClient, { tableName: requireEnv(tableVariable) });
  return middy(async () => {
    const age = await oldestOutboxAgeSeconds(index, new Date());
    metrics.addMetric(OUTBOX_AGE_METRIC, MetricUnit.Seconds, age);
    if (age > 0) logger.info('Oldest outbox record', { ageSeconds: age });
    return { oldestRecordAgeSeconds: age };
  })
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .use(traceHandler(tracer))
    .use(logMetrics(metrics));
}
