import { describe, expect, it } from '@jest/globals';
import type { AwsRequest } from '../core/protocol';
import { checkAccess, checkAllowedOrigins, corsHeaders } from './guard';

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

describe('the paths meant for browsers (the local issuer)', () => {
  const APP = 'http://localhost:3000';
  const access = {
    browserAccess: (r: AwsRequest) =>
      r.path === '/token'
        ? { navigable: false, allowsOrigin: (origin: string) => origin === APP }
        : r.path === '/authorize'
          ? { navigable: true, allowsOrigin: () => false }
          : undefined,
  };
  const at = (path: string, method: string, headers: Record<string, string>) => ({
    ...request({ host: '127.0.0.1:4566', ...headers }),
    path,
    method,
  });

  it('lets the app origin call its path and read the answer', () => {
    const call = at('/token', 'POST', { origin: APP, 'sec-fetch-site': 'cross-site' });

    expect(() => checkAccess(call, 4566, access)).not.toThrow();
    expect(corsHeaders(call, access)).toMatchObject({ 'access-control-allow-origin': APP });
  });

  it('still refuses a foreign origin there, and the app origin everywhere else', () => {
    expect(() => checkAccess(at('/token', 'POST', { origin: 'https://evil.example' }), 4566, access)).toThrow(
      expect.objectContaining({ code: 'ForbiddenOrigin' }),
    );
    expect(() => checkAccess(at('/', 'POST', { origin: APP }), 4566, access)).toThrow(
      expect.objectContaining({ code: 'ForbiddenOrigin' }),
    );
  });

  it('lets another site navigate to a navigable path, but not fetch it or post to it', () => {
    const navigate = { 'sec-fetch-site': 'cross-site', 'sec-fetch-mode': 'navigate' };

    expect(() => checkAccess(at('/authorize', 'GET', navigate), 4566, access)).not.toThrow();
    expect(() =>
      checkAccess(at('/authorize', 'GET', { ...navigate, 'sec-fetch-mode': 'no-cors' }), 4566, access),
    ).toThrow();
    expect(() => checkAccess(at('/authorize', 'POST', navigate), 4566, access)).toThrow();
    expect(() => checkAccess(at('/token', 'GET', navigate), 4566, access)).toThrow();
  });

  it('keeps refusing a foreign Host on a browser path (DNS rebinding)', () => {
    const rebound = { ...at('/authorize', 'GET', {}), headers: { host: 'evil.example:4566' } };

    expect(() => checkAccess(rebound, 4566, access)).toThrow(
      expect.objectContaining({ code: 'ForbiddenHost' }),
    );
  });
});
