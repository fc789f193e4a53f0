/**
 * Powertools logger, metrics (EMF) and tracer (X-Ray), built once per execution environment from the standard
 * Powertools variables, and shared by every middy stack of the kit.
 */
import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics } from '@aws-lambda-powertools/metrics';
import { Tracer } from '@aws-lambda-powertools/tracer';
import { optionalEnv } from './env';

/** The three Powertools utilities a stack needs; pass your own to a stack in tests. */
export interface Observability {
  logger: Logger;
  metrics: Metrics;
  tracer: Tracer;
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
    tracer: new Tracer({ serviceName }),
  };
};

const shared = createObservability();

/** The module-level logger of this function. */
export const logger: Logger = shared.logger;
/** The module-level metrics emitter of this function (CloudWatch EMF). */
export const metrics: Metrics = shared.metrics;
/** The module-level X-Ray tracer of this function. */
export const tracer: Tracer = shared.tracer;
/** The stacks' default observability: the three module-level instances above. */
export const observability: Observability = shared;

/**
 * Instruments an AWS SDK v3 client with X-Ray subsegments (a no-op when tracing is off). Call it once, where the
 * client is created at module level.
 *
 * @example
 * const dynamo = traceClient(new DynamoDBClient({}));
 */
export const traceClient = <T>(client: T, target: Tracer = tracer): T => target.captureAWSv3Client(client);

/**
 * Adds `correlationId` to every following log line of this invocation (the stacks reset keys between invocations).
 *
 * @example
 * withCorrelationId(event.detail.metadata.correlationId);
 */
export const withCorrelationId = (id: string, target: Logger = logger): void => {
  target.appendKeys({ correlationId: id });
};
