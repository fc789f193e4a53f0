import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { createError } from '@middy/util';
import {
  HttpProblemError,
  type HttpRequest,
  type HttpResponse,
  type HttpUseCase,
  httpHandler,
} from '../../src/http';
import { lambdaContext } from '../../src/testing';
import { postExpense, writeScope } from '../fixtures/events';
import { type CapturedOutput, captureOutput, testObservability } from '../fixtures/observability';
import {
  type ListQuery,
  type RecordExpenseBody,
  validateListQuery,
  validateRecordExpenseBody,
  validExpenseBody,
} from '../fixtures/validators';

const origin = 'https://app.spendwise.test';

const recordExpense: HttpUseCase<RecordExpenseBody, Record<string, string>, Record<string, string>> = async (
  request,
) => ({
  statusCode: 201,
  body: { id: 'exp-1', userId: request.userId, amount: request.body.amount },
});

const recordExpenseHandler = (useCase = recordExpense) =>
  httpHandler(useCase, {
    body: validateRecordExpenseBody,
    requiredScopes: [writeScope],
    cors: { origins: [origin] },
    observability: testObservability(),
  });

const problemOf = (response: HttpResponse) => JSON.parse(String(response.body)) as Record<string, unknown>;

let output: CapturedOutput;
beforeEach(() => {
  output = captureOutput();
});
afterEach(() => {
  output.restore();
});

describe('httpHandler on success', () => {
  it('answers the use case result as JSON with the correlation id', async () => {
    const handler = recordExpenseHandler();

    const response = await handler(postExpense({ body: validExpenseBody }), lambdaContext());

    expect(response.statusCode).toBe(201);
    expect(response.headers?.['content-type']).toBe('application/json');
    expect(response.headers?.['x-correlation-id']).toBe('req-0001');
    expect(JSON.parse(String(response.body))).toEqual({
      id: 'exp-1',
      userId: 'user-1',
      amount: validExpenseBody.amount,
    });
  });

  it('passes the caller, parsed body, query, path and lower-cased headers to the use case', async () => {
    let seen: HttpRequest<RecordExpenseBody> | undefined;
    const handler = recordExpenseHandler(async (request) => {
      seen = request;
      return { statusCode: 204 };
    });

    await handler(
      postExpense({ body: validExpenseBody, headers: { 'X-Correlation-Id': 'corr-42', 'If-Match': '"3"' } }),
      lambdaContext(),
    );

    expect(seen).toMatchObject({
      userId: 'user-1',
      scopes: ['openid', writeScope],
      body: validExpenseBody,
      query: {},
      path: {},
      requestId: 'req-0001',
      correlationId: 'corr-42',
    });
    expect(seen?.headers['if-match']).toBe('"3"');
  });

  it('omits the body and content type of a 204', async () => {
    const handler = recordExpenseHandler(async () => ({ statusCode: 204, body: { ignored: true } }));

    const response = await handler(postExpense({ body: validExpenseBody }), lambdaContext());

    expect(response.statusCode).toBe(204);
    expect(response.body).toBeUndefined();
    expect(response.headers?.['content-type']).toBeUndefined();
  });

  it('adds security and CORS headers to a success', async () => {
    const handler = recordExpenseHandler();

    const response = await handler(
      postExpense({ body: validExpenseBody, headers: { origin } }),
      lambdaContext(),
    );

    expect(response.headers).toMatchObject({
      'Access-Control-Allow-Origin': origin,
      'Strict-Transport-Security': expect.stringContaining('max-age='),
      'X-Content-Type-Options': 'nosniff',
    });
  });
});

describe('httpHandler on a rejected request', () => {
  it('answers malformed JSON with 400 INVALID_JSON', async () => {
    const handler = recordExpenseHandler();

    const response = await handler(
      postExpense({ body: '{"amount":', headers: { 'content-type': 'application/json' } }),
      lambdaContext(),
    );

    expect(response.statusCode).toBe(400);
    expect(problemOf(response).code).toBe('INVALID_JSON');
  });

  it('answers an extra property with 400 VALIDATION_FAILED naming it', async () => {
    const handler = recordExpenseHandler();

    const response = await handler(
      postExpense({ body: { ...validExpenseBody, userId: 'someone-else' } }),
      lambdaContext(),
    );

    expect(response.statusCode).toBe(400);
    expect(problemOf(response)).toMatchObject({
      code: 'VALIDATION_FAILED',
      errors: [{ path: '/body/userId', message: 'is not allowed' }],
    });
  });

  it('reports a nested violation with its path under /body', async () => {
    const handler = recordExpenseHandler();
    const body = { ...validExpenseBody, amount: { minorUnits: 12.5, currency: 'EUR' } };

    const response = await handler(postExpense({ body }), lambdaContext());

    expect(problemOf(response).errors).toEqual([
      { path: '/body/amount/minorUnits', message: 'must be integer' },
    ]);
  });

  it('answers a body over the limit with 413 PAYLOAD_TOO_LARGE', async () => {
    const handler = recordExpenseHandler();
    const body = { ...validExpenseBody, note: 'x'.repeat(17 * 1024) };

    const response = await handler(postExpense({ body }), lambdaContext());

    expect(response.statusCode).toBe(413);
    expect(problemOf(response).code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('answers a non-JSON content type with 415 UNSUPPORTED_MEDIA_TYPE', async () => {
    const handler = recordExpenseHandler();

    const response = await handler(
      postExpense({ body: 'amount=12.50', headers: { 'content-type': 'application/x-www-form-urlencoded' } }),
      lambdaContext(),
    );

    expect(response.statusCode).toBe(415);
    expect(problemOf(response).code).toBe('UNSUPPORTED_MEDIA_TYPE');
  });

  it('answers a missing body with 400 VALIDATION_FAILED', async () => {
    const handler = recordExpenseHandler();

    const response = await handler(postExpense(), lambdaContext());

    expect(response.statusCode).toBe(400);
    expect(problemOf(response)).toMatchObject({ code: 'VALIDATION_FAILED', errors: [{ path: '/body' }] });
  });

  it('answers a request without JWT claims with 401 UNAUTHENTICATED', async () => {
    const handler = recordExpenseHandler();

    const response = await handler(postExpense({ body: validExpenseBody, claims: null }), lambdaContext());

    expect(response.statusCode).toBe(401);
    expect(problemOf(response).code).toBe('UNAUTHENTICATED');
  });

  it('answers an ID token with 401 NOT_AN_ACCESS_TOKEN as problem+json', async () => {
    const handler = recordExpenseHandler();

    const response = await handler(
      postExpense({
        body: validExpenseBody,
        claims: { sub: 'user-1', token_use: 'id', aud: 'client-1', scope: `openid ${writeScope}` },
      }),
      lambdaContext(),
    );

    expect(response.statusCode).toBe(401);
    expect(response.headers?.['content-type']).toBe('application/problem+json');
    expect(problemOf(response).code).toBe('NOT_AN_ACCESS_TOKEN');
  });

  it.each([
    ['a route that takes no query parameters', undefined],
    ['a route with a query schema', validateListQuery],
  ])('refuses __proto__ as a query parameter on %s, like any unknown one', async (_, query) => {
    const handler = httpHandler(async () => ({ statusCode: 200, body: [] }), {
      ...(query ? { query } : {}),
      observability: testObservability(),
    });
    // As the event arrives from API Gateway: parsed JSON, where __proto__ is an own key.
    const parameters = JSON.parse('{"__proto__":"x"}') as Record<string, string>;
    const event = postExpense({ method: 'GET' });
    event.queryStringParameters = parameters;

    const response = await handler(event, lambdaContext());

    expect(response.statusCode).toBe(400);
    expect(problemOf(response)).toMatchObject({ code: 'VALIDATION_FAILED' });
  });

  it('answers a token without the required scope with 403 INSUFFICIENT_SCOPE', async () => {
    const handler = recordExpenseHandler();

    const response = await handler(
      postExpense({ body: validExpenseBody, claims: { sub: 'user-1', scope: 'spendwise/expenses.read' } }),
      lambdaContext(),
    );

    expect(response.statusCode).toBe(403);
    expect(problemOf(response).code).toBe('INSUFFICIENT_SCOPE');
  });

  it('validates the query string, treating an absent one as empty', async () => {
    const handler = httpHandler(
      async (_request: HttpRequest<undefined, ListQuery>) => ({ statusCode: 200, body: [] }),
      {
        query: validateListQuery,
        observability: testObservability(),
      },
    );

    const response = await handler(postExpense({ method: 'GET', query: { limit: '500' } }), lambdaContext());

    expect(problemOf(response).errors).toEqual([
      { path: '/queryStringParameters/limit', message: 'must match pattern "^[1-9][0-9]?$"' },
    ]);
  });
});

describe('httpHandler on a use case error', () => {
  it('answers an HttpProblemError with its status, code and extension members', async () => {
    const handler = recordExpenseHandler(async () => {
      throw new HttpProblemError(412, 'VERSION_MISMATCH', 'The expense changed', { currentVersion: 4 });
    });

    const response = await handler(postExpense({ body: validExpenseBody }), lambdaContext());

    expect(response.statusCode).toBe(412);
    expect(response.headers?.['content-type']).toBe('application/problem+json');
    expect(problemOf(response)).toEqual({
      type: 'https://spendwise.dev/problems/version-mismatch',
      title: 'Precondition Failed',
      status: 412,
      code: 'VERSION_MISMATCH',
      detail: 'The expense changed',
      instance: 'req-0001',
      currentVersion: 4,
    });
  });

  it('keeps the status of a middy createError', async () => {
    const handler = recordExpenseHandler(async () => {
      throw createError(409, 'Already recorded');
    });

    const response = await handler(postExpense({ body: validExpenseBody }), lambdaContext());

    expect(response.statusCode).toBe(409);
    expect(problemOf(response)).toMatchObject({ code: 'CONFLICT', detail: 'Already recorded' });
  });

  it('answers an unknown error with 500 INTERNAL_ERROR without its message', async () => {
    const handler = recordExpenseHandler(async () => {
      throw new Error('ConditionalCheckFailed on table expenses-prod');
    });

    const response = await handler(postExpense({ body: validExpenseBody }), lambdaContext());

    expect(response.statusCode).toBe(500);
    expect(problemOf(response).code).toBe('INTERNAL_ERROR');
    expect(response.body).not.toContain('expenses-prod');
  });

  it('logs an unknown error with its stack and the correlation id', async () => {
    const handler = recordExpenseHandler(async () => {
      throw new Error('boom');
    });

    await handler(
      postExpense({ body: validExpenseBody, headers: { 'x-correlation-id': 'corr-7' } }),
      lambdaContext(),
    );

    const [line] = output.logs('Request failed');
    expect(line).toMatchObject({ correlationId: 'corr-7', error: { message: 'boom' } });
    // Dev mode prints the stack as an array of frames, Lambda as one string: both start with the error line.
    expect(String((line?.error as { stack?: unknown } | undefined)?.stack)).toContain('Error: boom');
  });

  it('counts a 5xx in the HttpServerErrors metric', async () => {
    const handler = recordExpenseHandler(async () => {
      throw new Error('boom');
    });

    await handler(postExpense({ body: validExpenseBody }), lambdaContext());

    expect(output.metricNames()).toContain('HttpServerErrors');
  });

  it('puts security, CORS and correlation headers on an error raised before the use case', async () => {
    const handler = recordExpenseHandler();

    const response = await handler(
      postExpense({
        body: '{',
        headers: { origin, 'content-type': 'application/json', 'x-correlation-id': 'c-1' },
      }),
      lambdaContext(),
    );

    expect(response.statusCode).toBe(400);
    expect(response.headers).toMatchObject({
      'x-correlation-id': 'c-1',
      'Access-Control-Allow-Origin': origin,
      'X-Frame-Options': 'DENY',
      'Content-Security-Policy': expect.any(String),
    });
  });
});
