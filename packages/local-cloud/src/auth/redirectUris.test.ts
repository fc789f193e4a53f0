import { describe, expect, it } from '@jest/globals';
import { isOriginOf, matchesRegisteredUri } from './redirectUris';

const APP = ['http://localhost:3000/callback', 'https://app.example.com/callback'];

describe('matching a redirect URI against the registered callback URLs', () => {
  it('accepts an exact match', () => {
    expect(matchesRegisteredUri(APP, 'https://app.example.com/callback')).toBe(true);
  });

  it.each([
    'http://localhost:49152/callback',
    'http://127.0.0.1:3000/callback',
    'http://[::1]:8080/callback',
  ])('accepts %s: any port on a loopback host (RFC 8252 §7.3)', (uri) => {
    expect(matchesRegisteredUri(APP, uri)).toBe(true);
  });

  it.each([
    ['another path', 'http://localhost:3000/other'],
    ['a query added', 'http://localhost:3000/callback?next=/'],
    ['a fragment', 'http://localhost:3000/callback#x'],
    ['https on loopback', 'https://localhost:3000/callback'],
    ['another port of a non-loopback host', 'https://app.example.com:8443/callback'],
    ['a look-alike host', 'http://localhost.evil.example:3000/callback'],
    ['user info', 'http://user@localhost:3000/callback'],
    ['not a URL', 'callback'],
  ])('refuses %s', (_why, uri) => {
    expect(matchesRegisteredUri(APP, uri)).toBe(false);
  });
});

describe('telling the origins of a client', () => {
  it('accepts the origin of a callback URL and any loopback origin for a loopback callback', () => {
    expect(isOriginOf(APP, 'https://app.example.com')).toBe(true);
    expect(isOriginOf(APP, 'http://localhost:5173')).toBe(true);
  });

  it('refuses other origins and values that are not origins', () => {
    expect(isOriginOf(APP, 'https://evil.example')).toBe(false);
    expect(isOriginOf(APP, 'http://app.example.com')).toBe(false);
    expect(isOriginOf(APP, 'null')).toBe(false);
    expect(isOriginOf(['https://app.example.com/callback'], 'http://localhost:3000')).toBe(false);
  });
});
