/**
 * The Lambda stack of a report workflow step (a Task state invokes it with its Parameters as the event): the
 * Powertools logger, tracer and metrics around a use case. Errors are rethrown untouched, because their `name`
 * is the error the state machine's Retry and Catch match.
 */

import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import middy from '@middy/core';
import {
  observability as defaultObservability,
  type Observability,
  traceHandler,
} from '@spendwise/lambda-kit/observability';
import type { Context } from 'aws-lambda';

/** Records one metric value in the namespace Spendwise, with the service dimension and optional extra ones. */
export type RecordMetric = (
  name: string,
  value: number,
  unit: 'Count' | 'Milliseconds',
  dimensions?: Record<string, string>,
) => void;

/** RecordMetric on Powertools metrics: extra dimensions go on a single metric of their own. */
export function powertoolsMetric({ metrics }: Pick<Observability, 'metrics'>): RecordMetric {
  return (name, value, unit, dimensions) => {
    const metricUnit = unit === 'Count' ? MetricUnit.Count : MetricUnit.Milliseconds;
    if (!dimensions) {
      metrics.addMetric(name, metricUnit, value);
      return;
    }
    const single = metrics.singleMetric();
    for (const [key, dimension] of Object.entries(dimensions)) single.addDimension(key, dimension);
    single.addMetric(name, metricUnit, value);
  };
}

/**
 * Wraps a workflow step's use case into a Lambda handler.
 *
 * @example export const handler = workflowStep(saveReport({ findReport, finishReport, now }));
 */
export function workflowStep<I, O>(
  useCase: (input: I) => Promise<O>,
  observability: Observability = defaultObservability,
) {
  const { logger, metrics, tracer } = observability;
  const run = async (input: I): Promise<O> => useCase(input);
  return middy<I, O, Error, Context>(run)
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .use(traceHandler(tracer, { captureResponse: false }))
    .use(logMetrics(metrics, { captureColdStartMetric: true }));
}
