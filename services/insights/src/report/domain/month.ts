/** Calendar months as the report works with them: `YYYY-MM`, in UTC. */

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

/** Whether `value` is a month written `YYYY-MM`. */
export const isMonth = (value: string): boolean => MONTH.test(value);

/** The month `now` falls in (UTC). */
export const monthOf = (now: Date): string => now.toISOString().slice(0, 7);

/** The month before `month` (the read models' definition). */
export { previousMonth } from '../../domain/months';

/** Whether `month` lies after the month `now` falls in (a report of the current month is allowed: month to date). */
export const isFutureMonth = (month: string, now: Date): boolean => month > monthOf(now);

/** Number of days in `month`. */
export function daysIn(month: string): number {
  const [year, index] = parts(month);
  return new Date(Date.UTC(year, index, 0)).getUTCDate();
}

function parts(month: string): [number, number] {
  const match = MONTH.exec(month);
  if (!match) throw new RangeError(`Not a month (YYYY-MM): ${month}`);
  return [Number(match[1]), Number(match[2])];
}
