import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { parseSchedule } from './expression';

const utc = (iso: string) => new Date(`${iso}Z`);
const next = (expression: string, after: string, timeZone?: string) =>
  parseSchedule(expression, { timeZone }).next(utc(after))?.toISOString();

describe('cron expressions', () => {
  it.each([
    ['cron(0 10 * * ? *)', '2025-01-15T10:00:00', '2025-01-16T10:00:00.000Z'],
    ['cron(15 12 * * ? *)', '2025-01-15T09:00:00', '2025-01-15T12:15:00.000Z'],
    ['cron(0 18 ? * MON-FRI *)', '2025-01-17T18:00:00', '2025-01-20T18:00:00.000Z'],
    ['cron(0 8 1 * ? *)', '2025-01-01T08:00:00', '2025-02-01T08:00:00.000Z'],
    ['cron(0/15 * * * ? *)', '2025-01-15T10:07:00', '2025-01-15T10:15:00.000Z'],
    ['cron(1/10 * * * ? *)', '2025-01-15T10:01:00', '2025-01-15T10:11:00.000Z'],
    ['cron(0 9 L * ? *)', '2025-02-01T00:00:00', '2025-02-28T09:00:00.000Z'],
    ['cron(0 9 L * ? *)', '2024-02-01T00:00:00', '2024-02-29T09:00:00.000Z'],
    ['cron(0 9 ? * 6L *)', '2025-01-01T00:00:00', '2025-01-31T09:00:00.000Z'],
    ['cron(0 9 ? * 3#2 *)', '2025-01-01T00:00:00', '2025-01-14T09:00:00.000Z'],
    ['cron(0 9 15W * ? *)', '2025-03-01T00:00:00', '2025-03-14T09:00:00.000Z'],
    ['cron(0 9 LW * ? *)', '2025-05-01T00:00:00', '2025-05-30T09:00:00.000Z'],
    ['cron(0 0 1 JAN,JUL ? *)', '2025-02-01T00:00:00', '2025-07-01T00:00:00.000Z'],
    ['cron(30 23 * * ? 2026)', '2025-06-01T00:00:00', '2026-01-01T23:30:00.000Z'],
  ])('%s after %s is %s', (expression, after, expected) => {
    expect(next(expression, after)).toBe(expected);
  });

  it('runs in the schedule time zone, across daylight-saving changes', () => {
    expect(next('cron(0 9 * * ? *)', '2025-01-15T12:00:00', 'Europe/Madrid')).toBe(
      '2025-01-16T08:00:00.000Z',
    );
    expect(next('cron(0 9 * * ? *)', '2025-07-15T12:00:00', 'Europe/Madrid')).toBe(
      '2025-07-16T07:00:00.000Z',
    );
  });

  it('skips a wall-clock time that a daylight-saving change removes', () => {
    expect(next('cron(30 2 * * ? *)', '2025-03-29T12:00:00', 'Europe/Madrid')).toBe(
      '2025-03-31T00:30:00.000Z',
    );
  });

  it('has no next occurrence after its last year', () => {
    expect(next('cron(0 0 1 1 ? 2024)', '2025-01-01T00:00:00')).toBeUndefined();
  });

  it.each([
    ['cron(0 10 * * * *)', /exactly one/],
    ['cron(0 10 ? * ? *)', /exactly one/],
    ['cron(0 10 * *)', /6 fields/],
    ['cron(60 10 * * ? *)', /out of range/],
    ['cron(0 10 32 * ? *)', /out of range/],
    ['cron(0 10 ? * FOO *)', /out of range/],
  ])('rejects %s', (expression, message) => {
    expect(() => parseSchedule(expression)).toThrow(message);
  });

  it('always returns a later time that matches minute and hour fields', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 59 }),
        fc.integer({ min: 0, max: 23 }),
        fc.date({ min: new Date('2000-01-01'), max: new Date('2100-01-01'), noInvalidDate: true }),
        (minute, hour, after) => {
          const found = parseSchedule(`cron(${minute} ${hour} * * ? *)`).next(after)!;
          return (
            found > after &&
            found.getUTCMinutes() === minute &&
            found.getUTCHours() === hour &&
            found.getTime() - after.getTime() <= 86_400_000
          );
        },
      ),
    );
  });
});

describe('rate expressions', () => {
  it('counts occurrences from the anchor', () => {
    const schedule = parseSchedule('rate(5 minutes)', { anchor: utc('2025-01-15T10:00:00') });

    expect(schedule.next(utc('2025-01-15T10:00:00'))?.toISOString()).toBe('2025-01-15T10:05:00.000Z');
    expect(schedule.next(utc('2025-01-15T10:12:00'))?.toISOString()).toBe('2025-01-15T10:15:00.000Z');
  });

  it.each(['rate(1 minutes)', 'rate(5 minute)', 'rate(0 hours)', 'rate(1 week)', 'rate(-1 day)'])(
    'rejects %s',
    (expression) => {
      expect(() => parseSchedule(expression)).toThrow(/rate/);
    },
  );
});

describe('at expressions', () => {
  it('fires once, at the wall-clock time of its zone', () => {
    const schedule = parseSchedule('at(2025-06-01T09:30:00)', { timeZone: 'America/New_York' });

    expect(schedule.next(utc('2025-01-01T00:00:00'))?.toISOString()).toBe('2025-06-01T13:30:00.000Z');
    expect(schedule.next(utc('2025-06-01T13:30:00'))).toBeUndefined();
  });

  it('rejects an unknown time zone', () => {
    expect(() => parseSchedule('at(2025-06-01T09:30:00)', { timeZone: 'Mars/Olympus' })).toThrow(/time zone/);
  });
});
