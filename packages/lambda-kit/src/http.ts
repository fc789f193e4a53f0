/**
 * The HTTP stack: `httpHandler(useCase, options)` wraps a use case in the middy chain every Spendwise HTTP API
 * function shares (observability, origin check, size limit, JSON parsing, JWT identity, validation, CORS, security headers,
 * problem+json errors).
 */
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import middy, { type MiddyfiedHandler } from '@middy/core';
import httpCors from '@middy/http-cors';
import httpHeaderNormalizer from '@middy/http-header-normalizer';
import httpJsonBodyParser from '@middy/http-json-body-parser';
import httpSecurityHeaders from '@middy/http-security-headers';
import validator, { type Options as ValidatorOptions } from '@middy/validator';
import { bodySizeLimit } from './http/bodySizeLimit';
import { identity } from './http/identity';
import { originVerify } from './http/originVerify';
import { problemErrorHandler } from './http/problemErrorHandler';
import { requestValidator } from './http/requestValidator';
import { requireBody } from './http/requireBody';
import { toHttpResponse } from './http/response';
import type { HttpContext, HttpEvent, HttpRequest, HttpResponse, HttpResult, Validator } from './http/types';
import { observability as defaultObservability, type Observability } from './observability';
import { traceHandler } from './tracing';

export { cacheableRead, contentTag, READ_CACHE_CONTROL } from './http/cacheableRead';
export { correlationIdOf } from './http/correlationId';
export {
  badRequest,
  conflict,
  HttpProblemError,
  type HttpProblemOptions,
  notFound,
  type ProblemExtras,
  preconditionFailed,
} from './http/HttpProblemError';
export { mapErrors } from './http/mapErrors';
export {
  ORIGIN_VERIFY_HEADER,
  type OriginSecretSource,
  type OriginVerifyOptions,
  originVerify,
  powertoolsSecretSource,
} from './http/originVerify';
export { toProblem, toProblemDocument } from './http/toProblem';
export type * from './http/types';

export interface HttpHandlerOptions<B, Q, P> {
  /** Validates the JSON body; without it the body is neither parsed nor passed on. */
  body?: Validator<B>;
  /** Validates `queryStringParameters` (an absent map is validated as `{}`); without it, no parameter is accepted. */
  query?: Validator<Q>;
  /** Validates `pathParameters`. */
  path?: Validator<P>;
  /** Largest accepted decoded body in bytes; default 16 KB. */
  maxBodyBytes?: number;
  /** Scopes the access token must all carry. */
  requiredScopes?: string[];
  /** Origins allowed to call the API from a browser (`*` wildcards allowed, as in @middy/http-cors). */
  cors?: { origins: string[] };
  /** The origin check (env `ORIGIN_SECRET_ID`); tests pass their own secret source. */
  originVerify?: Parameters<typeof originVerify>[0];
  /** Logger, metrics and tracer; defaults to the module-level ones of `@spendwise/lambda-kit/observability`. */
  observability?: Observability;
}

/** A use case behind an HTTP route. */
export type HttpUseCase<B, Q, P> = (request: HttpRequest<B, Q, P>) => Promise<HttpResult>;

/** The Lambda handler `httpHandler` builds. */
export type HttpHandler = MiddyfiedHandler<HttpEvent, HttpResponse, Error, HttpContext>;

const toHttpRequest = <B, Q, P>(
  event: HttpEvent,
  context: HttpContext,
  hasBody: boolean,
): HttpRequest<B, Q, P> => {
  const { caller, correlationId } = context;
  if (caller === undefined || correlationId === undefined) {
    throw new Error('httpHandler: the identity middleware did not run');
  }
  return {
    userId: caller.userId,
    scopes: caller.scopes,
    body: (hasBody ? event.body : undefined) as B,
    query: (event.queryStringParameters ?? {}) as Q,
    path: (event.pathParameters ?? {}) as P,
    headers: event.headers ?? {},
    requestId: event.requestContext.requestId,
    correlationId,
    rawEvent: event,
  };
};

/**
 * Builds the Lambda handler of one HTTP API route (payload format 2.0, JWT authorizer).
 *
 * @example
 * export const handler = httpHandler(
 *   async ({ userId, body }) => ({ statusCode: 201, body: await recordExpense(userId, body) }),
 *   { body: validateRecordExpense, requiredScopes: ['expenses/write'], cors: { origins: ['https://app.spendwise.dev'] } },
 * );
 */
export const httpHandler = <B = undefined, Q = Record<string, string>, P = Record<string, string>>(
  useCase: HttpUseCase<B, Q, P>,
  options: HttpHandlerOptions<B, Q, P> = {},
): HttpHandler => {
  const { logger, metrics, tracer } = options.observability ?? defaultObservability;
  const hasBody = options.body !== undefined;
  const eventSchema = requestValidator({ body: options.body, query: options.query, path: options.path });

  const run = async (event: HttpEvent, context: HttpContext): Promise<HttpResponse> => {
    const request = toHttpRequest<B, Q, P>(event, context, hasBody);
    return toHttpResponse(await useCase(request), request.correlationId);
  };
  const handler = middy<HttpEvent, HttpResponse, Error, HttpContext>(run);
  handler
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .use(traceHandler(tracer, { captureResponse: false }))
    .use(logMetrics(metrics, { captureColdStartMetric: true }))
    .use(httpHeaderNormalizer())
    // Before anything reads the request: a caller that bypassed CloudFront (and its WAF) learns nothing more.
    .use(originVerify(options.originVerify))
    .use(bodySizeLimit({ maxBytes: options.maxBodyBytes }));
  if (hasBody) {
    handler.use(requireBody()).use(httpJsonBodyParser());
  }
  handler.use(identity({ requiredScopes: options.requiredScopes, logger }));
  // @middy/validator types its functions as the Ajv class; at run time it wants exactly a validate function.
  handler.use(validator({ eventSchema: eventSchema as unknown as ValidatorOptions['eventSchema'] }));
  return handler
    .use(httpCors({ origins: options.cors?.origins ?? [], exposeHeaders: 'x-correlation-id' }))
    .use(httpSecurityHeaders())
    .use(problemErrorHandler({ logger, metrics }));
};
