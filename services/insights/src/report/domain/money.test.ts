import { describe, expect, it } from '@jest/globals';
import { formatMoney, percentOf } from './money';
import { isFutureMonth, previousMonth } from './month';

describe('formatMoney', () => {
  it.each([
    [123_456, 'EUR', '1,234.56 EUR'],
    [5, 'EUR', '0.05 EUR'],
    [-1_999, 'USD', '-19.99 USD'],
    [1_500, 'JPY', '1,500 JPY'],
    [1_234_567, 'BHD', '1,234.567 BHD'],
  ])('writes %i minor units of %s as %s', (minorUnits, currency, text) => {
    expect(formatMoney(minorUnits, currency)).toBe(text);
  });
});

describe('months and percentages', () => {
  it('steps back over a year boundary', () => {
    expect(previousMonth('2026-01')).toBe('2025-12');
    expect(previousMonth('2026-10')).toBe('2026-09');
  });

  it('treats only months after the current one as the future', () => {
    const now = new Date('2026-11-15T10:00:00Z');

    expect(isFutureMonth('2026-11', now)).toBe(false);
    expect(isFutureMonth('2026-12', now)).toBe(true);
  });

  it('gives no percentage of nothing', () => {
    expect(percentOf(5, 0)).toBeUndefined();
    expect(percentOf(1, 3)).toBe(33);
  });
});
