import { describe, expect, it } from '@jest/globals';
import type { MiddlewareObj } from '@middy/core';
import httpSecurityHeaders from '@middy/http-security-headers';
import { HttpProblemError } from '../../../src/http/HttpProblemError';
import { problemErrorHandler } from '../../../src/http/problemErrorHandler';
import type { HttpEvent } from '../../../src/http/types';
import { httpEvent, lambdaContext } from '../../../src/testing';
import { chainOf } from '../../fixtures/chain';

const throwingBefore = (error: unknown): MiddlewareObj<HttpEvent> => ({
  before: () => {
    throw error;
  },
});

const recorder = () => {
  const calls: { level: string; message: string }[] = [];
  const metrics: string[] = [];
  return {
    calls,
    metrics,
    logger: {
      appendKeys: () => {},
      error: (message: string) => void calls.push({ level: 'error', message }),
      info: (message: string) => void calls.push({ level: 'info', message }),
    },
    metricsSink: { addMetric: (name: string) => void metrics.push(name) },
  };
};

describe('problemErrorHandler', () => {
  it('answers an error thrown by an earlier middleware as application/problem+json', async () => {
    const { handler } = chainOf(
      throwingBefore(new HttpProblemError(413, 'PAYLOAD_TOO_LARGE', 'Too big')),
      problemErrorHandler(),
    );

    const response = await handler(httpEvent({ requestId: 'req-3' }), lambdaContext());

    expect(response.statusCode).toBe(413);
    expect(response.headers?.['content-type']).toBe('application/problem+json');
    expect(JSON.parse(String(response.body))).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', instance: 'req-3' });
  });

  it('adds x-correlation-id computed from the event when no middleware set one', async () => {
    const { handler } = chainOf(throwingBefore(new Error('early')), problemErrorHandler());

    const response = await handler(httpEvent({ headers: { 'x-correlation-id': 'c-9' } }), lambdaContext());

    expect(response.headers?.['x-correlation-id']).toBe('c-9');
  });

  it('lets middlewares attached before it decorate the error response', async () => {
    const { handler } = chainOf(
      httpSecurityHeaders(),
      throwingBefore(new Error('early')),
      problemErrorHandler(),
    );

    const response = await handler(httpEvent(), lambdaContext());

    expect(response.headers?.['X-Content-Type-Options']).toBe('nosniff');
  });

  it('copies the headers of an HttpProblemError onto the response', async () => {
    const error = new HttpProblemError(
      429,
      'TOO_MANY_REQUESTS',
      'Slow down',
      {},
      { headers: { 'retry-after': '5' } },
    );
    const { handler } = chainOf(throwingBefore(error), problemErrorHandler());

    const response = await handler(httpEvent(), lambdaContext());

    expect(response.headers?.['retry-after']).toBe('5');
  });

  it('logs a 5xx as an error and counts it', async () => {
    const sink = recorder();
    const { handler } = chainOf(
      throwingBefore(new Error('boom')),
      problemErrorHandler({ logger: sink.logger, metrics: sink.metricsSink }),
    );

    await handler(httpEvent(), lambdaContext());

    expect(sink.calls).toEqual([{ level: 'error', message: 'Request failed' }]);
    expect(sink.metrics).toEqual(['HttpServerErrors']);
  });

  it('logs a 4xx at info and does not count it', async () => {
    const sink = recorder();
    const { handler } = chainOf(
      throwingBefore(new HttpProblemError(404, 'EXPENSE_NOT_FOUND', 'No such expense')),
      problemErrorHandler({ logger: sink.logger, metrics: sink.metricsSink }),
    );

    await handler(httpEvent(), lambdaContext());

    expect(sink.calls).toEqual([{ level: 'info', message: 'Request rejected' }]);
    expect(sink.metrics).toEqual([]);
  });
});
