import { describe, expect, it } from '@jest/globals';
import { testCalendar } from './calendar';

describe('testCalendar', () => {
  it('rolls the previous month over a new year', () => {
    const cal = testCalendar(new Date('2027-01-01T00:00:30Z'));
    expect([cal.today, cal.month, cal.previousMonth, cal.monthsAgo(13)]).toEqual([
      '2027-01-01',
      '2027-01',
      '2026-12',
      '2025-12',
    ]);
  });

  it('never dates a day of this month after today, and clamps days to the month', () => {
    const cal = testCalendar(new Date('2028-02-29T12:00:00Z'));
    expect(cal.day(31)).toBe('2028-02-29');
    expect(testCalendar(new Date('2026-12-03T00:00:00Z')).day(20)).toBe('2026-12-03');
    expect(cal.dayOf(cal.previousMonth, 31)).toBe('2028-01-31');
    expect(cal.lastDayOf('2027-02')).toBe('2027-02-28');
    expect(cal.monthsAgo(-1)).toBe('2028-03');
  });

  it('gives instants relative to its own', () => {
    const cal = testCalendar(new Date('2026-12-31T23:59:30Z'));
    expect(cal.at(1)).toBe('2027-01-01T00:00:30.000Z');
    expect(cal.at(-60 * 24)).toBe('2026-12-30T23:59:30.000Z');
  });

  it('defaults to the process clock', () => {
    const before = Date.now();
    const cal = testCalendar();
    expect(cal.now.getTime()).toBeGreaterThanOrEqual(before);
    expect(cal.today).toBe(new Date(cal.now).toISOString().slice(0, 10));
  });
});
