import { describe, expect, it } from '@jest/globals';
import { MalformedResponseError, responseOf } from './response';

const text = (result: unknown) => {
  const response = responseOf(result);
  return { ...response, body: response.body.toString() };
};

describe('responseOf (payload format 2.0)', () => {
  it('infers a 200 JSON response from an object without statusCode', () => {
    expect(text({ message: 'Hello from Lambda!' })).toEqual({
      status: 200,
      headers: { 'content-type': 'application/json' },
      body: '{"message":"Hello from Lambda!"}',
    });
  });

  it('infers a 200 JSON response whose body is a returned string as is', () => {
    expect(text('Hello from Lambda!')).toMatchObject({ status: 200, body: 'Hello from Lambda!' });
  });

  it('reads a structured response with lower-cased headers and cookies as set-cookie', () => {
    const result = {
      statusCode: 201,
      headers: { Location: '/expenses/1', 'X-Count': 2 },
      cookies: ['a=1', 'b=2'],
      body: '{}',
    };

    expect(text(result)).toEqual({
      status: 201,
      headers: { location: '/expenses/1', 'x-count': '2', 'set-cookie': ['a=1', 'b=2'] },
      body: '{}',
    });
  });

  it('decodes a base64-encoded body', () => {
    const response = responseOf({ statusCode: 200, body: '/wAQ', isBase64Encoded: true });

    expect([...response.body]).toEqual([0xff, 0x00, 0x10]);
  });

  it('gives no multiValueHeaders, which 2.0 does not have', () => {
    const response = responseOf({ statusCode: 204, multiValueHeaders: { 'x-a': ['1', '2'] } });

    expect(response).toEqual({ status: 204, headers: {}, body: Buffer.alloc(0) });
  });

  it('refuses a structured response whose body is not a string or whose status is not HTTP', () => {
    expect(() => responseOf({ statusCode: 200, body: { a: 1 } })).toThrow(MalformedResponseError);
    expect(() => responseOf({ statusCode: 'abc' })).toThrow(MalformedResponseError);
  });
});
