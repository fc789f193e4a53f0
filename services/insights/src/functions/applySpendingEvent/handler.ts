import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { requireEnv } from '@spendwise/lambda-kit/env';
import { metrics, traceClient } from '@spendwise/lambda-kit/observability';
import { insightsStore } from '../../adapters/insightsStoreFromEnv';
import { applySpendingEventHandler } from './applySpendingEvent';

export const handler = applySpendingEventHandler(
  {
    ...insightsStore,
    now: () => new Date(),
    count: (metric) => metrics.addMetric(metric, MetricUnit.Count, 1),
  },
  {
    tableName: requireEnv('IDEMPOTENCY_TABLE_NAME'),
    client: traceClient(new DynamoDBClient({})),
    // SQS redeliveries arrive within minutes; anything later is still caught by the version guards.
    expiresAfterSeconds: 24 * 3600,
  },
);
