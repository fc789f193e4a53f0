import { describe, expect, it } from '@jest/globals';
import type { AwsRequest } from '../core/protocol';
import { checkAccess, checkAllowedOrigins } from './guard';

const request = (headers: Record<string, string>): AwsRequest => ({
  service: 'sns',
  protocol: 'query',
  action: 'ListTopics',
  method: 'POST',
  path: '/',
  query: new URLSearchParams(),
  headers,
  body: Buffer.alloc(0),
  http2: false,
});

describe('the allowed origins', () => {
  it('takes origins as a browser sends them, tolerating a trailing slash', () => {
    expect(checkAllowedOrigins(['http://localhost:5173', 'http://127.0.0.1:3000/'])).toEqual([
      'http://localhost:5173',
      'http://127.0.0.1:3000',
    ]);
  });

  it.each(['localhost:5173', 'http://localhost:5173/app', '*', 'file:///tmp/x'])(
    'refuses %s, which no browser sends as an origin',
    (origin) => {
      expect(() => checkAllowedOrigins([origin])).toThrow(/is not an origin/);
    },
  );
});

describe('the endpoint access check', () => {
  it('refuses a request without a Host header', () => {
    expect(() => checkAccess(request({}), 4566)).toThrow(expect.objectContaining({ code: 'ForbiddenHost' }));
  });

  it('accepts a configured host by name on any port, or exactly with its port', () => {
    const access = { allowedHosts: ['devbox.local', 'proxy.test:8080'] };

    expect(() => checkAccess(request({ host: 'devbox.local:4566' }), 4566, access)).not.toThrow();
    expect(() => checkAccess(request({ host: 'proxy.test:8080' }), 4566, access)).not.toThrow();
    expect(() => checkAccess(request({ host: 'proxy.test:9090' }), 4566, access)).toThrow();
  });

  it('matches an allowed origin whatever the case of its host', () => {
    const access = { allowedOrigins: ['http://localhost:5173'] };

    expect(() =>
      checkAccess(request({ host: '127.0.0.1:4566', origin: 'http://LOCALHOST:5173' }), 4566, access),
    ).not.toThrow();
  });
});
