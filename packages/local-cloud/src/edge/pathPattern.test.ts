import { describe, expect, it } from '@jest/globals';
import { pathPatternMatcher } from './pathPattern';

describe('pathPatternMatcher (CloudFront PathPattern)', () => {
  it.each([
    ['/api/expenses*', '/api/expenses', true],
    ['/api/expenses*', '/api/expenses/01J/receipts', true],
    ['/api/expenses*', '/api/expensesx', true],
    ['/api/expenses*', '/api/categories', false],
    ['/api/insights/*', '/api/insights/reports', true],
    ['/api/insights/*', '/api/insights', false],
    ['/assets/*', '/assets/a/b.js', true],
    ['assets/*.js', '/assets/index.js', true],
    ['/assets/*.js', '/assets/index.css', false],
    ['/images/?.png', '/images/a.png', true],
    ['/images/?.png', '/images/ab.png', false],
    ['/Assets/*', '/assets/x', false],
    ['/a.b', '/aXb', false],
    ['*', '/anything', true],
  ])('%s matches %s: %s', (pattern, path, expected) => {
    expect(pathPatternMatcher(pattern)(path)).toBe(expected);
  });
});
