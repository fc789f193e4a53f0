/** Calendar helpers on the ISO strings the events carry (dates are the user's calendar days, not instants). */

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

/** The month (YYYY-MM) of a day (YYYY-MM-DD). */
export const monthOfDay = (day: string): string => day.slice(0, 7);

/** The UTC month (YYYY-MM) of an RFC 3339 instant, e.g. an event's occurredAt. */
export const monthOfInstant = (instant: string): string => new Date(instant).toISOString().slice(0, 7);

/** The UTC day (YYYY-MM-DD) of an instant. */
export const dayOfInstant = (instant: Date): string => instant.toISOString().slice(0, 10);

/** The month before `month` (YYYY-MM). */
export function previousMonth(month: string): string {
  const match = MONTH.exec(month);
  if (!match) throw new RangeError(`Not a month: ${month}`);
  const year = Number(match[1]);
  const index = Number(match[2]) - 1;
  const date = new Date(Date.UTC(year, index - 1, 1));
  return date.toISOString().slice(0, 7);
}
