import { dayOfWeek, daysInMonth, fromLocal, type LocalTime, toLocal } from './zone';

/** A schedule expression AWS would reject. */
export class ScheduleExpressionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ScheduleExpressionError';
  }
}

type DayOfMonthRule =
  | { kind: 'any' }
  | { kind: 'days'; days: Set<number> }
  | { kind: 'last' }
  | { kind: 'lastWeekday' }
  | { kind: 'nearestWeekday'; day: number };

type DayOfWeekRule =
  | { kind: 'any' }
  | { kind: 'days'; days: Set<number> }
  | { kind: 'last'; day: number }
  | { kind: 'nth'; day: number; nth: number };

/** A parsed AWS cron expression: `cron(minutes hours day-of-month month day-of-week year)`. */
export interface CronSpec {
  minutes: number[];
  hours: number[];
  months: Set<number>;
  years?: Set<number>;
  dayOfMonth: DayOfMonthRule;
  dayOfWeek: DayOfWeekRule;
}

const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
const DAYS = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];
const MIN_YEAR = 1970;
const MAX_YEAR = 2199;

/** One value: a number, or a name (JAN, MON…) where the field has names. */
function value(text: string, min: number, max: number, names?: string[]): number {
  const index = names?.indexOf(text.toUpperCase()) ?? -1;
  const n = index >= 0 ? index + min : /^\d+$/.test(text) ? Number(text) : Number.NaN;
  if (!(n >= min && n <= max)) throw new ScheduleExpressionError(`'${text}' is out of range ${min}-${max}`);
  return n;
}

/** A field of values: `*`, `a`, `a-b`, `a/step`, `*\/step`, `a-b/step`, comma-separated. */
function values(field: string, min: number, max: number, names?: string[]): Set<number> {
  const result = new Set<number>();
  for (const item of field.split(',')) {
    const [range = '', stepText] = item.split('/');
    const step = stepText === undefined ? 1 : value(stepText, 1, max);
    const [from, to] =
      range === '*'
        ? [min, max]
        : range.includes('-')
          ? (range.split('-').map((part) => value(part, min, max, names)) as [number, number])
          : [value(range, min, max, names), stepText === undefined ? value(range, min, max, names) : max];
    if (from > to) throw new ScheduleExpressionError(`range '${range}' runs backwards`);
    for (let n = from; n <= to; n += step) result.add(n);
  }
  return result;
}

function dayOfMonthRule(field: string): DayOfMonthRule {
  if (field === '?') return { kind: 'any' };
  if (field === 'L') return { kind: 'last' };
  if (field === 'LW') return { kind: 'lastWeekday' };
  const weekday = /^(\d{1,2})W$/.exec(field);
  if (weekday) return { kind: 'nearestWeekday', day: value(weekday[1]!, 1, 31) };
  return { kind: 'days', days: values(field, 1, 31) };
}

function dayOfWeekRule(field: string): DayOfWeekRule {
  if (field === '?') return { kind: 'any' };
  if (field === 'L') return { kind: 'days', days: new Set([7]) };
  const last = /^(\w+)L$/.exec(field);
  if (last) return { kind: 'last', day: value(last[1]!, 1, 7, DAYS) };
  const nth = /^(\w+)#([1-5])$/.exec(field);
  if (nth) return { kind: 'nth', day: value(nth[1]!, 1, 7, DAYS), nth: Number(nth[2]) };
  return { kind: 'days', days: values(field, 1, 7, DAYS) };
}

/** Parses the six fields inside `cron(...)`; throws ScheduleExpressionError as AWS would reject them. */
export function parseCron(fields: string): CronSpec {
  const parts = fields.trim().split(/\s+/);
  if (parts.length !== 6)
    throw new ScheduleExpressionError(`cron needs 6 fields, got ${parts.length}: '${fields}'`);
  const [minutes, hours, dom, month, dow, year] = parts as [string, string, string, string, string, string];
  if ((dom === '?') === (dow === '?')) {
    throw new ScheduleExpressionError('exactly one of day-of-month and day-of-week must be ?');
  }
  return {
    minutes: [...values(minutes, 0, 59)].sort((a, b) => a - b),
    hours: [...values(hours, 0, 23)].sort((a, b) => a - b),
    months: values(month, 1, 12, MONTHS),
    years: year === '*' ? undefined : values(year, MIN_YEAR, MAX_YEAR),
    dayOfMonth: dayOfMonthRule(dom),
    dayOfWeek: dayOfWeekRule(dow),
  };
}

/** The weekday (Mon-Fri) nearest to `day` within its month, as the `W` wildcard means. */
function nearestWeekday(year: number, month: number, day: number): number {
  const last = daysInMonth(year, month);
  const target = Math.min(day, last);
  const weekday = dayOfWeek(year, month, target);
  if (weekday === 7) return target === 1 ? 3 : target - 1;
  if (weekday === 1) return target === last ? target - 2 : target + 1;
  return target;
}

/** Whether a calendar day matches the day-of-month and day-of-week rules. */
function dayMatches(spec: CronSpec, year: number, month: number, day: number): boolean {
  const last = daysInMonth(year, month);
  const dom = spec.dayOfMonth;
  const dow = spec.dayOfWeek;
  const weekday = dayOfWeek(year, month, day);
  switch (dom.kind) {
    case 'days':
      return dom.days.has(day);
    case 'last':
      return day === last;
    case 'lastWeekday':
      return day === nearestWeekday(year, month, last);
    case 'nearestWeekday':
      return day === nearestWeekday(year, month, dom.day);
  }
  if (dow.kind === 'days') return dow.days.has(weekday);
  if (dow.kind === 'last') return weekday === dow.day && day + 7 > last;
  if (dow.kind === 'nth') return weekday === dow.day && Math.ceil(day / 7) === dow.nth;
  return true;
}

/** The first time matching `spec` strictly after `after`, in `timeZone`; undefined when there is none. */
export function nextCron(spec: CronSpec, after: Date, timeZone = 'UTC'): Date | undefined {
  const start = toLocal(after, timeZone);
  for (let year = start.year; year <= MAX_YEAR; year++) {
    if (spec.years && !spec.years.has(year)) continue;
    for (let month = year === start.year ? start.month : 1; month <= 12; month++) {
      if (!spec.months.has(month)) continue;
      const found = nextInMonth(spec, { year, month }, start, after, timeZone);
      if (found) return found;
    }
  }
  return undefined;
}

function nextInMonth(
  spec: CronSpec,
  { year, month }: { year: number; month: number },
  start: LocalTime,
  after: Date,
  timeZone: string,
): Date | undefined {
  const sameMonth = year === start.year && month === start.month;
  for (let day = sameMonth ? start.day : 1; day <= daysInMonth(year, month); day++) {
    if (!dayMatches(spec, year, month, day)) continue;
    for (const hour of spec.hours) {
      for (const minute of spec.minutes) {
        const instant = fromLocal({ year, month, day, hour, minute }, timeZone);
        if (instant && instant.getTime() > after.getTime()) return instant;
      }
    }
  }
  return undefined;
}
