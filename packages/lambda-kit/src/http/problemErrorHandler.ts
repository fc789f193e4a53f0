import type { Logger } from '@aws-lambda-powertools/logger';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import type { MiddlewareObj, Request } from '@middy/core';
import { correlationIdOf } from './correlationId';
import { toProblem, toProblemDocument } from './toProblem';
import type { HttpContext, HttpEvent, HttpResponse } from './types';

export interface ProblemErrorHandlerOptions {
  logger?: Pick<Logger, 'appendKeys' | 'error' | 'info'>;
  metrics?: { addMetric(name: string, unit: typeof MetricUnit.Count, value: number): unknown };
  /** Name of the count metric added for every 5xx answer. */
  serverErrorMetric?: string;
}

const defaults: Required<ProblemErrorHandlerOptions> = {
  logger: { appendKeys: () => {}, error: () => {}, info: () => {} },
  metrics: { addMetric: () => {} },
  serverErrorMetric: 'HttpServerErrors',
};

type HttpRequestState = Request<HttpEvent, HttpResponse | undefined, unknown, HttpContext>;

/**
 * Turns any error of the chain into an `application/problem+json` response carrying `x-correlation-id`. Attach it
 * last, so its onError runs first and the CORS and security-header middlewares decorate its response. Problems
 * below 500 are logged at info; 5xx are logged with the error (and stack) and counted.
 *
 * @example
 * middy(handler).use(httpCors()).use(httpSecurityHeaders()).use(problemErrorHandler({ logger, metrics }));
 */
export const problemErrorHandler = (
  options: ProblemErrorHandlerOptions = {},
): MiddlewareObj<HttpEvent, HttpResponse | undefined, unknown, HttpContext> => {
  const logger = options.logger ?? defaults.logger;
  const metrics = options.metrics ?? defaults.metrics;
  const serverErrorMetric = options.serverErrorMetric ?? defaults.serverErrorMetric;
  const onError = (request: HttpRequestState): void => {
    if (request.response !== undefined) return;
    const correlationId = request.context?.correlationId ?? correlationIdOf(request.event);
    logger.appendKeys({ correlationId });
    const problem = toProblem(request.error);
    if (problem.status >= 500) {
      logger.error('Request failed', request.error instanceof Error ? request.error : String(request.error));
      metrics.addMetric(serverErrorMetric, MetricUnit.Count, 1);
    } else {
      logger.info('Request rejected', { status: problem.status, code: problem.code });
    }
    const instance = request.event?.requestContext?.requestId ?? correlationId;
    request.response = {
      statusCode: problem.status,
      headers: {
        ...problem.headers,
        'content-type': 'application/problem+json',
        'x-correlation-id': correlationId,
      },
      body: JSON.stringify(toProblemDocument(problem, instance)),
    };
  };
  return { onError };
};
