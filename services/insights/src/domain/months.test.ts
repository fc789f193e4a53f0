import { describe, expect, it } from '@jest/globals';
import { monthOfDay, monthOfInstant, previousMonth } from './months';

describe('months', () => {
  it('steps back across a year', () => {
    expect(previousMonth('2026-01')).toBe('2025-12');
    expect(previousMonth('2026-11')).toBe('2026-10');
  });

  it('rejects what is not a month', () => {
    expect(() => previousMonth('2026-13')).toThrow(RangeError);
  });

  it('takes the month of a day, and the UTC month of an instant', () => {
    expect(monthOfDay('2026-02-28')).toBe('2026-02');
    expect(monthOfInstant('2026-11-30T23:30:00.000-02:00')).toBe('2026-12');
  });
});
