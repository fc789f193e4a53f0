import { describe, expect, it } from '@jest/globals';
import { createError } from '@middy/util';
import { HttpProblemError, notFound, preconditionFailed } from '../../../src/http/HttpProblemError';
import { toProblem, toProblemDocument } from '../../../src/http/toProblem';

const validatorError = (data: unknown) =>
  createError(400, 'Event object failed validation', { cause: { package: '@middy/validator', data } });

describe('toProblem', () => {
  it('keeps the status, code, detail and extras of an HttpProblemError', () => {
    const problem = toProblem(
      new HttpProblemError(422, 'IDEMPOTENCY_KEY_REUSED', 'Use a new key', { key: 'k1' }),
    );

    expect(problem).toMatchObject({
      status: 422,
      code: 'IDEMPOTENCY_KEY_REUSED',
      detail: 'Use a new key',
      extras: { key: 'k1' },
    });
  });

  it('turns an unknown error into 500 INTERNAL_ERROR without its message', () => {
    const problem = toProblem(new Error('password=hunter2'));

    expect(problem).toEqual({ status: 500, code: 'INTERNAL_ERROR', detail: 'An unexpected error occurred' });
  });

  it('turns a thrown string into 500 INTERNAL_ERROR', () => {
    expect(toProblem('nope').status).toBe(500);
  });

  it('keeps the status of a middy createError and names its code after it', () => {
    expect(toProblem(createError(404, 'No such route'))).toEqual({
      status: 404,
      code: 'NOT_FOUND',
      detail: 'No such route',
    });
  });

  it('hides the message of a 5xx middy createError', () => {
    expect(toProblem(createError(503, 'dynamodb throttled'))).toEqual({
      status: 503,
      code: 'SERVICE_UNAVAILABLE',
      detail: 'Service Unavailable',
    });
  });

  it('maps a body parser 422 to 400 INVALID_JSON', () => {
    const error = createError(422, 'Invalid or malformed JSON was provided', {
      cause: { package: '@middy/http-json-body-parser' },
    });

    expect(toProblem(error)).toMatchObject({ status: 400, code: 'INVALID_JSON' });
  });

  it('points an additionalProperties violation at the extra property', () => {
    const error = validatorError([
      { instancePath: '/body', keyword: 'additionalProperties', params: { additionalProperty: 'userId' } },
    ]);

    expect(toProblem(error).extras?.errors).toEqual([{ path: '/body/userId', message: 'is not allowed' }]);
  });

  it('points a required violation at the missing property', () => {
    const error = validatorError([
      {
        instancePath: '/body/amount',
        keyword: 'required',
        params: { missingProperty: 'currency' },
        message: "must have required property 'currency'",
      },
    ]);

    expect(toProblem(error).extras?.errors).toEqual([
      { path: '/body/amount/currency', message: "must have required property 'currency'" },
    ]);
  });
});

describe('toProblemDocument', () => {
  it('renders the type from the code in kebab case and the title from the status', () => {
    const document = toProblemDocument(toProblem(notFound('EXPENSE_NOT_FOUND', 'No expense exp-1')), 'req-1');

    expect(document).toEqual({
      type: 'https://spendwise.dev/problems/expense-not-found',
      title: 'Not Found',
      status: 404,
      code: 'EXPENSE_NOT_FOUND',
      detail: 'No expense exp-1',
      instance: 'req-1',
    });
  });

  it('does not let an extension member override a standard one', () => {
    const error = preconditionFailed('VERSION_MISMATCH', 'Changed', {
      status: 200,
      code: 'OK',
      currentVersion: 3,
    });

    const document = toProblemDocument(toProblem(error), 'req-1');

    expect(document).toMatchObject({ status: 412, code: 'VERSION_MISMATCH', currentVersion: 3 });
  });
});
