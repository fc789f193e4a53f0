import { describe, expect, it } from '@jest/globals';
import type { RouteDef } from './model';
import { RouteMatcher } from './routeMatcher';

const route = (routeKey: string): RouteDef => ({
  id: routeKey,
  logicalId: routeKey,
  routeKey,
  authorizationType: 'NONE',
  authorizationScopes: [],
});

const keyOf = (matcher: RouteMatcher, method: string, path: string) =>
  matcher.match(method, path)?.route.routeKey;

describe('RouteMatcher', () => {
  const matcher = new RouteMatcher(
    [
      'GET /pets/dog/1',
      'GET /pets/dog/{id}',
      'GET /pets/{proxy+}',
      'ANY /{proxy+}',
      'POST /expenses',
      '$default',
    ].map(route),
  );

  it('prefers a full literal match over a path variable', () => {
    expect(keyOf(matcher, 'GET', '/pets/dog/1')).toBe('GET /pets/dog/1');
  });

  it('prefers a path variable over a greedy variable', () => {
    expect(keyOf(matcher, 'GET', '/pets/dog/2')).toBe('GET /pets/dog/{id}');
  });

  it('prefers the longer literal prefix among greedy routes', () => {
    expect(keyOf(matcher, 'GET', '/pets/cat/1')).toBe('GET /pets/{proxy+}');
  });

  it('falls back to ANY when no route names the method', () => {
    expect(keyOf(matcher, 'POST', '/pets/dog/1')).toBe('ANY /{proxy+}');
  });

  it('gives path parameters decoded, greedy ones with their slashes', () => {
    expect(matcher.match('GET', '/pets/dog/a%20b')?.pathParameters).toEqual({ id: 'a b' });
    expect(matcher.match('GET', '/pets/cat/x/y')?.pathParameters).toEqual({ proxy: 'cat/x/y' });
  });

  it('sends a request no route matches to $default', () => {
    expect(keyOf(matcher, 'GET', '/')).toBe('$default');
  });

  it('matches nothing without a $default route', () => {
    const strict = new RouteMatcher([route('GET /expenses/{id}'), route('POST /expenses')]);

    expect(strict.match('GET', '/expenses')).toBeUndefined();
    expect(strict.match('GET', '/expenses/')).toBeUndefined();
    expect(strict.match('DELETE', '/expenses/1')).toBeUndefined();
    expect(strict.match('GET', '/expenses/1/extra')).toBeUndefined();
  });

  it('does not let a greedy variable match an empty remainder', () => {
    const greedy = new RouteMatcher([route('GET /files/{proxy+}')]);

    expect(greedy.match('GET', '/files')).toBeUndefined();
    expect(greedy.match('GET', '/files/')).toBeUndefined();
  });

  it('prefers a route naming the method over ANY on the same path', () => {
    const both = new RouteMatcher([route('ANY /expenses'), route('GET /expenses')]);

    expect(keyOf(both, 'GET', '/expenses')).toBe('GET /expenses');
    expect(keyOf(both, 'PUT', '/expenses')).toBe('ANY /expenses');
  });
});
