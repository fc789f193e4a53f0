import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { metrics } from '@spendwise/lambda-kit/observability';
import { insightsStore } from '../../adapters/insightsStoreFromEnv';
import { applySpendingEventHandler } from './applySpendingEvent';

export const handler = applySpendingEventHandler({
  ...insightsStore,
  now: () => new Date(),
  count: (metric) => metrics.addMetric(metric, MetricUnit.Count, 1),
});
