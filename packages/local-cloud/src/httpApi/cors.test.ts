import { describe, expect, it } from '@jest/globals';
import { isPreflight, preflightHeaders, withCorsHeaders } from './cors';
import { corsConfigOf } from './corsConfig';

const cors = corsConfigOf({
  AllowHeaders: ['authorization', 'content-type'],
  AllowMethods: ['GET', 'POST'],
  AllowOrigins: ['http://localhost:3000'],
  ExposeHeaders: ['etag', 'location'],
  MaxAge: 600,
})!;

const preflight = (origin: string, method: string) => ({
  origin,
  'access-control-request-method': method,
  'access-control-request-headers': 'authorization',
});

describe('CORS of an HTTP API', () => {
  it('recognises a preflight by OPTIONS with origin and access-control-request-method', () => {
    expect(isPreflight('OPTIONS', preflight('http://localhost:3000', 'GET'))).toBe(true);
    expect(isPreflight('OPTIONS', {})).toBe(false);
    expect(isPreflight('GET', preflight('http://localhost:3000', 'GET'))).toBe(false);
  });

  it('answers an allowed preflight with the configured headers', () => {
    expect(preflightHeaders(cors, preflight('http://localhost:3000', 'POST'))).toEqual({
      'access-control-allow-origin': 'http://localhost:3000',
      'access-control-allow-methods': 'GET,POST',
      'access-control-allow-headers': 'authorization,content-type',
      'access-control-max-age': '600',
    });
  });

  it('answers a preflight from another origin or for another method without CORS headers', () => {
    expect(preflightHeaders(cors, preflight('http://evil.example', 'GET'))).toEqual({});
    expect(preflightHeaders(cors, preflight('http://localhost:3000', 'DELETE'))).toEqual({});
  });

  it('replaces the integration CORS headers with the configured ones for an allowed origin', () => {
    const headers = withCorsHeaders(cors, 'http://localhost:3000', {
      'access-control-allow-origin': '*',
      etag: '"1"',
    });

    expect(headers).toEqual({
      etag: '"1"',
      'access-control-allow-origin': 'http://localhost:3000',
      'access-control-expose-headers': 'etag,location',
    });
  });

  it('adds no CORS headers for an origin that is not allowed', () => {
    expect(withCorsHeaders(cors, 'http://evil.example', { etag: '"1"' })).toEqual({ etag: '"1"' });
  });

  it('answers a wildcard origin with *', () => {
    const open = corsConfigOf({ AllowOrigins: ['*'], AllowMethods: ['*'], AllowCredentials: false })!;

    expect(preflightHeaders(open, preflight('http://a.example', 'PATCH'))).toMatchObject({
      'access-control-allow-origin': '*',
      'access-control-allow-methods': 'PATCH',
    });
  });
});
