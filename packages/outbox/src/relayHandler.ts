import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import middy from '@middy/core';
import type { Subscription } from '@spendwise/contracts';
import { requireEnv } from '@spendwise/lambda-kit/env';
import { logger, metrics, traceClient, traceHandler, tracer } from '@spendwise/lambda-kit/observability';
import { buildOutboxStore } from './outboxStore';
import { relayOutbox } from './relayOutbox';
import { buildOutboxPublisher, outboxDynamoClient, outboxEventBridgeClient } from './relayPublisher';

/**
 * The outbox relay function of a service, composed once at cold start: its table from `tableVariable`, the
 * bus from EVENT_BUS_NAME, the service's own `events` (only their validators are bundled; anything else in the
 * outbox is refused), traced clients, and Powertools logging and metrics.
 *
 * @example export const handler = outboxRelayHandler('EXPENSES_TABLE_NAME', EXPENSES_EVENTS);
 */
export function outboxRelayHandler(tableVariable: string, events: Subscription) {
  const outbox = buildOutboxStore(outboxDynamoClient({}, traceClient), {
    tableName: requireEnv(tableVariable),
  });
  const publisher = buildOutboxPublisher(traceClient(outboxEventBridgeClient()), {
    busName: requireEnv('EVENT_BUS_NAME'),
    events,
  });
  return middy(
    relayOutbox({
      findPendingOutbox: outbox.findPendingOutbox,
      drainOutbox: outbox.drainOutbox,
      publish: publisher.publish,
      log: (message, details) => logger.error(message, details),
      onRelayed: (count) => metrics.addMetric('EventsRelayed', MetricUnit.Count, count),
    }),
  )
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .use(traceHandler(tracer))
    .use(logMetrics(metrics));
}
