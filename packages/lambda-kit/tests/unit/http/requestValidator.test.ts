import { describe, expect, it } from '@jest/globals';
import { requestValidator } from '../../../src/http/requestValidator';
import { httpEvent } from '../../../src/testing';
import { validateExpensePath, validateListQuery, validateRecordExpenseBody } from '../../fixtures/validators';

const parsed = (body: unknown) => {
  const event = httpEvent();
  (event as { body?: unknown }).body = body; // as @middy/http-json-body-parser leaves it
  return event;
};

describe('requestValidator', () => {
  it('refuses any query parameter on a route that declares no query validator', () => {
    const validate = requestValidator({});
    const event = httpEvent({ query: { debug: 'true' } });

    expect(validate(event)).toBe(false);
    expect(validate.errors).toEqual([
      expect.objectContaining({
        instancePath: '/queryStringParameters',
        keyword: 'additionalProperties',
        params: { additionalProperty: 'debug' },
      }),
    ]);
  });

  it('accepts a request without query parameters on such a route', () => {
    expect(requestValidator({})(httpEvent())).toBe(true);
  });

  it('accepts an event whose parts are all valid', () => {
    const validate = requestValidator({ path: validateExpensePath })!;
    const event = httpEvent({ pathParameters: { id: 'exp-1' } });

    expect(validate(event)).toBe(true);
    expect(validate.errors).toBeNull();
  });

  it('prefixes body errors with /body', () => {
    const validate = requestValidator({ body: validateRecordExpenseBody })!;

    validate(parsed({ amount: { minorUnits: 'ten', currency: 'EUR' }, date: '2026-01-01' }));

    expect(validate.errors?.map((error) => error.instancePath)).toEqual(['/body/amount/minorUnits']);
  });

  it('collects the errors of every part in one pass', () => {
    const validate = requestValidator({ query: validateListQuery, path: validateExpensePath })!;
    const event = httpEvent({ query: { limit: '0' }, pathParameters: { id: 'EXP' } });

    validate(event);

    expect(validate.errors?.map((error) => error.instancePath)).toEqual([
      '/queryStringParameters/limit',
      '/pathParameters/id',
    ]);
  });

  it('validates an absent query string as an empty object', () => {
    const validate = requestValidator({ query: validateListQuery })!;
    const event = httpEvent();

    expect(validate(event)).toBe(true);
    expect(event.queryStringParameters).toEqual({});
  });

  it('reports missing path parameters as a violation, not a crash', () => {
    const validate = requestValidator({ path: validateExpensePath })!;

    expect(validate(httpEvent())).toBe(false);
    expect(validate.errors).toEqual([
      expect.objectContaining({ instancePath: '/pathParameters', keyword: 'required' }),
    ]);
  });

  it('forgets the errors of a previous call', () => {
    const validate = requestValidator({ path: validateExpensePath })!;
    validate(httpEvent());

    validate(httpEvent({ pathParameters: { id: 'exp-2' } }));

    expect(validate.errors).toBeNull();
  });
});
