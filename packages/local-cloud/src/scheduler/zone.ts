/** Wall-clock time in a time zone, and back, with Intl only (no time zone database of our own). */

export interface LocalTime {
  year: number;
  /** 1-12 */
  month: number;
  day: number;
  hour: number;
  minute: number;
  second?: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** Throws a RangeError for a time zone Intl does not know. */
function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** Whether Intl knows the zone (e.g. `Europe/Madrid`, `UTC`). */
export function isTimeZone(timeZone: string): boolean {
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** The wall-clock time of an instant in a zone. */
export function toLocal(date: Date, timeZone: string): Required<LocalTime> {
  if (timeZone === 'UTC') {
    return {
      year: date.getUTCFullYear(),
      month: date.getUTCMonth() + 1,
      day: date.getUTCDate(),
      hour: date.getUTCHours(),
      minute: date.getUTCMinutes(),
      second: date.getUTCSeconds(),
    };
  }
  const parts = Object.fromEntries(
    formatterFor(timeZone)
      .formatToParts(date)
      .map((part) => [part.type, Number(part.value)]),
  );
  return {
    year: parts.year!,
    month: parts.month!,
    day: parts.day!,
    hour: parts.hour!,
    minute: parts.minute!,
    second: parts.second!,
  };
}

const utcOf = (t: LocalTime) => Date.UTC(t.year, t.month - 1, t.day, t.hour, t.minute, t.second ?? 0);

/**
 * The instant a wall-clock time names in a zone, or undefined when it does not exist there (skipped by a
 * daylight-saving change). In a repeated hour, the earlier instant.
 */
export function fromLocal(time: LocalTime, timeZone: string): Date | undefined {
  const wall = utcOf(time);
  if (timeZone === 'UTC') return new Date(wall);
  const offsetAt = (instant: number) => utcOf(toLocal(new Date(instant), timeZone)) - instant;
  const candidates = [
    wall - offsetAt(wall - 86_400_000),
    wall - offsetAt(wall + 86_400_000),
    wall - offsetAt(wall),
  ];
  const matching = candidates
    .filter((instant) => utcOf(toLocal(new Date(instant), timeZone)) === wall)
    .sort((a, b) => a - b);
  return matching.length ? new Date(matching[0]!) : undefined;
}

/** Days in a month (month 1-12). */
export const daysInMonth = (year: number, month: number): number =>
  new Date(Date.UTC(year, month, 0)).getUTCDate();

/** Day of week, 1 = Sunday … 7 = Saturday (the cron numbering). */
export const dayOfWeek = (year: number, month: number, day: number): number =>
  new Date(Date.UTC(year, month - 1, day)).getUTCDay() + 1;
