import { readFileSync } from 'node:fs';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from '@jest/globals';
import { parseDocument } from 'yaml';

// The CloudFront Functions exactly as shipped (resources/distribution.yml), run in a bare context as
// cloudfront-js-2.0 would: a global `handler(event)` returning the request.
const distribution = parseDocument(
  readFileSync(new URL('../resources/distribution.yml', import.meta.url), 'utf8'),
  { logLevel: 'silent' },
).toJSON() as { Resources: Record<string, { Properties: { FunctionCode: string } }> };

const run = (logicalId: string, uri: string): string => {
  const code = distribution.Resources[logicalId]!.Properties.FunctionCode;
  const request = { method: 'GET', uri, querystring: {}, headers: {} };
  const result = runInNewContext(`${code}\nhandler(event)`, { event: { request } }) as { uri: string };
  return result.uri;
};

describe('StripApiPrefix', () => {
  it.each([
    ['/api/expenses', '/expenses'],
    ['/api/expenses/exp-1', '/expenses/exp-1'],
    ['/api/insights/reports/2026-11', '/insights/reports/2026-11'],
    ['/api', '/'],
    ['/api/', '/'],
    ['/apiary', '/apiary'],
  ])('%s reaches the API as %s', (uri, expected) => {
    expect(run('StripApiPrefix', uri)).toBe(expected);
  });
});

describe('SpaRoutes', () => {
  it.each([
    ['/', '/index.html'],
    ['/expenses', '/index.html'],
    ['/callback', '/index.html'],
    ['/budgets/food-1/', '/index.html'],
    ['/config.json', '/config.json'],
    ['/assets/index-3f2a1b.js', '/assets/index-3f2a1b.js'],
    ['/api/unknown', '/api/unknown'],
  ])('%s is served from %s', (uri, expected) => {
    expect(run('SpaRoutes', uri)).toBe(expected);
  });
});
