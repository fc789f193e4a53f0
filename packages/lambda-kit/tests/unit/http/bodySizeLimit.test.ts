import { describe, expect, it } from '@jest/globals';
import { bodySizeLimit } from '../../../src/http/bodySizeLimit';
import { HttpProblemError } from '../../../src/http/HttpProblemError';
import { httpEvent, lambdaContext } from '../../../src/testing';
import { chainOf } from '../../fixtures/chain';

describe('bodySizeLimit', () => {
  it('lets a body of exactly the limit through', async () => {
    const { handler } = chainOf(bodySizeLimit({ maxBytes: 10 }));

    const response = await handler(httpEvent({ body: '0123456789' }), lambdaContext());

    expect(response.statusCode).toBe(200);
  });

  it('rejects a body one byte over the limit with 413 PAYLOAD_TOO_LARGE', async () => {
    const { handler } = chainOf(bodySizeLimit({ maxBytes: 10 }));

    const result = handler(httpEvent({ body: '0123456789A' }), lambdaContext());

    await expect(result).rejects.toMatchObject({ status: 413, code: 'PAYLOAD_TOO_LARGE' });
    await expect(result).rejects.toBeInstanceOf(HttpProblemError);
  });

  it('counts bytes, not characters', async () => {
    const { handler } = chainOf(bodySizeLimit({ maxBytes: 10 }));

    const result = handler(httpEvent({ body: '€€€€' }), lambdaContext()); // 4 characters, 12 bytes

    await expect(result).rejects.toMatchObject({ status: 413 });
  });

  it('measures a base64 body once decoded', async () => {
    const { handler } = chainOf(bodySizeLimit({ maxBytes: 10 }));
    const body = Buffer.from('0123456789').toString('base64'); // 16 characters on the wire

    const response = await handler(httpEvent({ body, isBase64Encoded: true }), lambdaContext());

    expect(response.statusCode).toBe(200);
  });

  it('defaults to 16 KB', async () => {
    const { handler } = chainOf(bodySizeLimit());

    const result = handler(httpEvent({ body: 'x'.repeat(16 * 1024 + 1) }), lambdaContext());

    await expect(result).rejects.toMatchObject({ status: 413 });
  });

  it('refuses a negative limit when built', () => {
    expect(() => bodySizeLimit({ maxBytes: -1 })).toThrow(TypeError);
  });
});
