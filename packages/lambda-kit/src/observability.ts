/**
 * Powertools logger, metrics (EMF) and tracer (X-Ray), built once per execution environment from the standard
 * Powertools variables, and shared by every middy stack of the kit. The tracer is a LazyTracer: the X-Ray SDK is
 * loaded on the first sampled invocation, never at init (./tracing.ts).
 */
import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { optionalEnv } from './env';
import { LazyTracer } from './tracing';

export { type HandlerTracer, LazyTracer, traceHandler } from './tracing';

/** The three Powertools utilities a stack needs; pass your own to a stack in tests. */
export interface Observability {
  logger: Logger;
  metrics: Metrics;
  tracer: LazyTracer;
}

export interface ObservabilityOptions {
  /** Defaults to POWERTOOLS_SERVICE_NAME, then `spendwise`. */
  serviceName?: string;
  /** Defaults to POWERTOOLS_METRICS_NAMESPACE, then `Spendwise`. */
  namespace?: string;
}

/**
 * Metrics' own diagnostics go to the structured logger; its "No application metrics to publish" notice, which
 * every invocation without a business metric would print at WARN, is kept at DEBUG.
 */
const metricsDiagnostics = (logger: Logger) => ({
  debug: (...args: unknown[]) => logger.debug(String(args[0])),
  info: (...args: unknown[]) => logger.info(String(args[0])),
  error: (...args: unknown[]) => logger.error(String(args[0])),
  warn: (...args: unknown[]) => {
    const message = String(args[0]);
    if (message.startsWith('No application metrics to publish')) logger.debug(message);
    else logger.warn(message);
  },
});

/**
 * Builds a logger, a metrics emitter and a tracer that agree on the service name. The tracer only records on
 * Lambda (Powertools switches it off elsewhere, and POWERTOOLS_TRACE_ENABLED=false switches it off anywhere).
 *
 * @example
 * const { logger, metrics, tracer } = createObservability({ serviceName: 'expenses' });
 */
export const createObservability = (options: ObservabilityOptions = {}): Observability => {
  const serviceName = options.serviceName ?? optionalEnv('POWERTOOLS_SERVICE_NAME', 'spendwise');
  const namespace = options.namespace ?? optionalEnv('POWERTOOLS_METRICS_NAMESPACE', 'Spendwise');
  const logger = new Logger({ serviceName });
  return {
    logger,
    metrics: new Metrics({ serviceName, namespace, logger: metricsDiagnostics(logger) }),
    tracer: new LazyTracer({ serviceName }),
  };
};

const shared = createObservability();

/** The module-level logger of this function. */
export const logger: Logger = shared.logger;
/** The module-level metrics emitter of this function (CloudWatch EMF). */
export const metrics: Metrics = shared.metrics;
/** The module-level X-Ray tracer of this function (loads the X-Ray SDK on the first sampled invocation). */
export const tracer: LazyTracer = shared.tracer;
/** The stacks' default observability: the three module-level instances above. */
export const observability: Observability = shared;

/**
 * Instruments an AWS SDK v3 client with X-Ray subsegments (a no-op when tracing is off): at once when the tracer is
 * loaded, else on the first sampled invocation. Call it once, where the client is created at module level.
 *
 * @example
 * const dynamo = traceClient(new DynamoDBClient({}));
 */
export const traceClient = <T>(client: T, target: Pick<LazyTracer, 'captureAWSv3Client'> = tracer): T =>
  target.captureAWSv3Client(client);

/**
 * Adds `correlationId` to every following log line of this invocation (the stacks reset keys between invocations).
 *
 * @example
 * withCorrelationId(event.detail.metadata.correlationId);
 */
export const withCorrelationId = (id: string, target: Logger = logger): void => {
  target.appendKeys({ correlationId: id });
};
