import { describe, expect, it } from '@jest/globals';
import { evaluate, functionsIn, InvalidExpressionError, parseExpression } from './mathExpression';

const run = (source: string, values: Record<string, number | undefined>) =>
  evaluate(parseExpression(source), (id) => values[id]);

describe('metric math', () => {
  it('honours operator precedence, parentheses and unary minus', () => {
    expect(run('a + b * 2 - (c - 1) / 2', { a: 1, b: 3, c: 5 })).toBe(5);
    expect(run('-a * 2', { a: 3 })).toBe(-6);
  });

  it('has no data point when an arithmetic operand is missing, as CloudWatch does', () => {
    expect(run('a + b', { a: 1 })).toBeUndefined();
  });

  it('sums the values present with SUM, over ids and arrays', () => {
    expect(run('SUM([a, b, c])', { a: 1, c: 2 })).toBe(3);
    expect(run('SUM(a, b)', {})).toBeUndefined();
  });

  it('defaults a missing value with FILL', () => {
    expect(run('FILL(a, 0) + b', { b: 2 })).toBe(2);
  });

  it('has no data point for a division by zero', () => {
    expect(run('a / b', { a: 1, b: 0 })).toBeUndefined();
  });

  it('lists the functions an expression calls, upper-cased', () => {
    expect(functionsIn(parseExpression('sum([a]) + ANOMALY_DETECTION_BAND(m, 2)'))).toEqual([
      'SUM',
      'ANOMALY_DETECTION_BAND',
    ]);
  });

  it('rejects an expression it cannot parse', () => {
    expect(() => parseExpression('a + * b')).toThrow(InvalidExpressionError);
    expect(() => parseExpression('a $ b')).toThrow(InvalidExpressionError);
  });
});
