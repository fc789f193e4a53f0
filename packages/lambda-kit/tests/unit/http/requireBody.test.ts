import { describe, expect, it } from '@jest/globals';
import { requireBody } from '../../../src/http/requireBody';
import { httpEvent, lambdaContext } from '../../../src/testing';
import { chainOf } from '../../fixtures/chain';

describe('requireBody', () => {
  it('rejects a request without a body with 400 VALIDATION_FAILED at /body', async () => {
    const { handler } = chainOf(requireBody());

    const result = handler(httpEvent({ method: 'POST' }), lambdaContext());

    await expect(result).rejects.toMatchObject({
      status: 400,
      code: 'VALIDATION_FAILED',
      extras: { errors: [{ path: '/body', message: 'is required' }] },
    });
  });

  it('treats an empty body as missing', async () => {
    const { handler } = chainOf(requireBody());

    const result = handler(httpEvent({ method: 'POST', body: '' }), lambdaContext());

    await expect(result).rejects.toMatchObject({ status: 400 });
  });

  it('lets a request with a body through', async () => {
    const { handler } = chainOf(requireBody());

    const response = await handler(httpEvent({ method: 'POST', body: { a: 1 } }), lambdaContext());

    expect(response.statusCode).toBe(200);
  });
});
