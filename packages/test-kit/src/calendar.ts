/**
 * Dates for tests, taken from the clock the system uses (the process clock, which `pnpm test:at` moves), so a
 * test holds on any day of any year. Everything is UTC, as the services decide months and days in UTC.
 *
 * Take one calendar per test (or per file, when a file's tests do not care about a month boundary) and derive
 * every date from it; where the product decides by its own clock (a budget covers the months from its creation
 * on), anchor on the timestamp the system answered with: `testCalendar(new Date(budget.createdAt))`.
 */
export interface TestCalendar {
  /** The instant the calendar was taken at. */
  now: Date;
  /** `YYYY-MM-DD` of `now`. */
  today: string;
  /** `YYYY-MM` of `now`. */
  month: string;
  /** `YYYY-MM` of the month before. */
  previousMonth: string;
  /** `YYYY-MM` `n` months before (negative: after) this month. */
  monthsAgo(n: number): string;
  /** `YYYY-MM-DD` of day `day` of this month, never later than today (as a person records spending). */
  day(day: number): string;
  /** `YYYY-MM-DD` of day `day` (clamped to the month's length) of `month`. */
  dayOf(month: string, day: number): string;
  /** `YYYY-MM-DD` of the last day of `month`. */
  lastDayOf(month: string): string;
  /** An ISO instant `minutes` after `now` (negative: before). */
  at(minutes: number): string;
}

const pad = (n: number) => String(n).padStart(2, '0');

const monthIndex = (month: string): { year: number; month: number } => {
  const match = /^(\d{4})-(\d{2})$/.exec(month);
  if (!match) throw new Error(`Not a month: ${month}`);
  return { year: Number(match[1]), month: Number(match[2]) - 1 };
};

const daysIn = (month: string) => {
  const { year, month: m } = monthIndex(month);
  return new Date(Date.UTC(year, m + 1, 0)).getUTCDate();
};

/** The calendar of `now` (default: this instant of the process clock). */
export function testCalendar(now: Date = new Date()): TestCalendar {
  const year = now.getUTCFullYear();
  const monthOfYear = now.getUTCMonth();
  const monthsAgo = (n: number) => {
    const d = new Date(Date.UTC(year, monthOfYear - n, 1));
    return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}`;
  };
  const month = monthsAgo(0);
  const dayOf = (m: string, day: number) => `${m}-${pad(Math.max(1, Math.min(day, daysIn(m))))}`;
  return {
    now,
    today: now.toISOString().slice(0, 10),
    month,
    previousMonth: monthsAgo(1),
    monthsAgo,
    day: (day) => dayOf(month, Math.min(day, now.getUTCDate())),
    dayOf,
    lastDayOf: (m) => dayOf(m, 31),
    at: (minutes) => new Date(now.getTime() + minutes * 60_000).toISOString(),
  };
}
