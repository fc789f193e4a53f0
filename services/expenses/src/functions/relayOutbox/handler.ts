import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import { captureLambdaHandler } from '@aws-lambda-powertools/tracer/middleware';
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import middy from '@middy/core';
import { buildEventPublisher } from '@spendwise/contracts';
import { requireEnv } from '@spendwise/lambda-kit/env';
import { logger, metrics, traceClient, tracer } from '@spendwise/lambda-kit/observability';
import { dynamoDocumentClient } from '../../adapters/dynamoClient';
import { buildOutboxStore } from '../../adapters/outboxStore';
import { relayOutbox } from './relayOutbox';

const outbox = buildOutboxStore(dynamoDocumentClient, { tableName: requireEnv('EXPENSES_TABLE_NAME') });
const publisher = buildEventPublisher(traceClient(new EventBridgeClient({})), {
  busName: requireEnv('EVENT_BUS_NAME'),
});

export const handler = middy(
  relayOutbox({
    findPendingOutbox: outbox.findPendingOutbox,
    drainOutbox: outbox.drainOutbox,
    publish: publisher.publish,
    log: (message, details) => logger.error(message, details),
    onRelayed: (count) => metrics.addMetric('EventsRelayed', MetricUnit.Count, count),
  }),
)
  .use(injectLambdaContext(logger, { resetKeys: true }))
  .use(captureLambdaHandler(tracer))
  .use(logMetrics(metrics));
