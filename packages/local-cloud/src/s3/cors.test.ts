import { describe, expect, it } from '@jest/globals';
import { matchingRule, originMatches } from './cors';
import type { CorsRule } from './model';

describe('bucket CORS rules', () => {
  it.each([
    ['http://localhost:3000', 'http://localhost:3000', true],
    ['http://localhost:3000', 'http://localhost:5173', true],
    ['http://localhost:3000', 'http://127.0.0.1:41234', true],
    ['http://localhost:3000', 'http://[::1]:8080', true],
    ['http://localhost:3000', 'https://localhost:3000', false],
    ['http://localhost:3000', 'http://localhost.evil.example:3000', false],
    ['https://app.spendwise.example', 'https://app.spendwise.example', true],
    ['https://app.spendwise.example', 'https://evil.example', false],
    ['https://*.spendwise.example', 'https://app.spendwise.example', true],
    ['https://*.spendwise.example', 'https://spendwise.example.evil', false],
    ['*', 'https://anything.example', true],
  ])('%s admits %s: %s', (pattern, origin, admitted) => {
    expect(originMatches(pattern, origin)).toBe(admitted);
  });

  const rules: CorsRule[] = [
    {
      allowedOrigins: ['http://localhost:3000'],
      allowedMethods: ['GET'],
      allowedHeaders: [],
      exposedHeaders: [],
    },
    {
      allowedOrigins: ['http://localhost:3000'],
      allowedMethods: ['POST'],
      allowedHeaders: ['content-*', 'x-amz-*'],
      exposedHeaders: ['ETag'],
    },
  ];

  it('picks the first rule admitting origin, method and every requested header', () => {
    expect(matchingRule(rules, 'http://localhost:4000', 'GET')).toBe(rules[0]);
    expect(matchingRule(rules, 'http://localhost:4000', 'POST', ['content-type', 'x-amz-date'])).toBe(
      rules[1],
    );
    expect(matchingRule(rules, 'http://localhost:4000', 'POST', ['authorization'])).toBeUndefined();
    expect(matchingRule(rules, 'http://localhost:4000', 'DELETE')).toBeUndefined();
  });
});
