import { describe, expect, it } from '@jest/globals';
import { toHttpResponse } from '../../../src/http/response';

describe('toHttpResponse', () => {
  it('serialises the body as JSON', () => {
    const response = toHttpResponse({ statusCode: 200, body: { total: 1250 } }, 'c-1');

    expect(response).toEqual({
      statusCode: 200,
      headers: { 'x-correlation-id': 'c-1', 'content-type': 'application/json' },
      body: '{"total":1250}',
    });
  });

  it('keeps the use case headers', () => {
    const response = toHttpResponse(
      { statusCode: 201, body: {}, headers: { location: '/expenses/exp-1' } },
      'c-1',
    );

    expect(response.headers?.location).toBe('/expenses/exp-1');
  });

  it('sends no body for a result without one', () => {
    expect(toHttpResponse({ statusCode: 202 }, 'c-1')).toEqual({
      statusCode: 202,
      headers: { 'x-correlation-id': 'c-1' },
    });
  });
});
