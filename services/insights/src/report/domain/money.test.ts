import { describe, expect, it } from '@jest/globals';
import { percentOf } from './money';
import { isFutureMonth, previousMonth } from './month';

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
