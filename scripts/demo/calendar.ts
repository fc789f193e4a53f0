/** The current and the previous calendar month (UTC), and the days of them the demo records expenses on. */
export interface DemoCalendar {
  previousMonth: string;
  currentMonth: string;
  /** `YYYY-MM-DD` of day `day` of the previous month. */
  previous(day: number): string;
  /** `YYYY-MM-DD` of day `day` of the current month, never later than today (expenses cannot be in the future). */
  current(day: number): string;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** Builds the calendar relative to `today`. */
export function demoCalendar(today: Date = new Date()): DemoCalendar {
  const year = today.getUTCFullYear();
  const month = today.getUTCMonth();
  const previous = new Date(Date.UTC(year, month - 1, 1));
  const previousMonth = `${previous.getUTCFullYear()}-${pad(previous.getUTCMonth() + 1)}`;
  const currentMonth = `${year}-${pad(month + 1)}`;
  const lastDayOfPrevious = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return {
    previousMonth,
    currentMonth,
    previous: (day) => `${previousMonth}-${pad(Math.min(day, lastDayOfPrevious))}`,
    current: (day) => `${currentMonth}-${pad(Math.min(day, today.getUTCDate()))}`,
  };
}
