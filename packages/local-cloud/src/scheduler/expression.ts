import { type CronSpec, nextCron, parseCron, ScheduleExpressionError } from './cron';
import { fromLocal, isTimeZone } from './zone';

/** A parsed schedule expression: `at(...)`, `rate(...)` or `cron(...)`. */
export interface Schedule {
  kind: 'at' | 'rate' | 'cron';
  text: string;
  timeZone: string;
  /** The first occurrence strictly after `after`, or undefined when there is none left. */
  next(after: Date): Date | undefined;
}

const UNIT_MS = { minute: 60_000, hour: 3_600_000, day: 86_400_000 } as const;

/** `rate(value unit)`: singular unit for 1, plural otherwise, as AWS requires. Occurrences count from `anchor`. */
function rate(body: string, anchor: Date): (after: Date) => Date {
  const match = /^(\d+)\s+(minute|minutes|hour|hours|day|days)$/.exec(body.trim());
  const amount = Number(match?.[1]);
  const unit = match?.[2] ?? '';
  if (!match || amount < 1) throw new ScheduleExpressionError(`invalid rate expression 'rate(${body})'`);
  if ((amount === 1) !== !unit.endsWith('s')) {
    throw new ScheduleExpressionError(
      `rate(${body}): use '${amount === 1 ? unit.replace(/s$/, '') : `${unit}s`}'`,
    );
  }
  const period = amount * UNIT_MS[unit.replace(/s$/, '') as keyof typeof UNIT_MS];
  return (after) =>
    new Date(anchor.getTime() + (Math.floor((after.getTime() - anchor.getTime()) / period) + 1) * period);
}

/** `at(yyyy-mm-ddThh:mm:ss)`: one wall-clock time in the schedule's zone. */
function at(body: string, timeZone: string): Date {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})$/.exec(body.trim());
  if (!match) throw new ScheduleExpressionError(`invalid at expression 'at(${body})'`);
  const [year, month, day, hour, minute, second] = match.slice(1).map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const instant = fromLocal({ year, month, day, hour, minute, second }, timeZone);
  if (!instant) throw new ScheduleExpressionError(`at(${body}) does not exist in ${timeZone}`);
  return instant;
}

/**
 * Parses an EventBridge Scheduler / scheduled-rule expression.
 * @param options.timeZone IANA zone for `at` and `cron` (ScheduleExpressionTimezone; rules always use UTC)
 * @param options.anchor where `rate` occurrences count from (creation time or StartDate)
 * @example parseSchedule('cron(0 6 1 * ? *)', { timeZone: 'Europe/Madrid' }).next(new Date())
 */
export function parseSchedule(text: string, options: { timeZone?: string; anchor?: Date } = {}): Schedule {
  const timeZone = options.timeZone ?? 'UTC';
  if (!isTimeZone(timeZone)) throw new ScheduleExpressionError(`unknown time zone '${timeZone}'`);
  const match = /^(at|rate|cron)\((.*)\)$/s.exec(text.trim());
  if (!match) throw new ScheduleExpressionError(`'${text}' is not an at(), rate() or cron() expression`);
  const kind = match[1] as Schedule['kind'];
  const body = match[2]!;
  if (kind === 'rate') {
    const nextRate = rate(body, options.anchor ?? new Date());
    return { kind, text, timeZone, next: nextRate };
  }
  if (kind === 'at') {
    const instant = at(body, timeZone);
    return {
      kind,
      text,
      timeZone,
      next: (after) => (instant.getTime() > after.getTime() ? instant : undefined),
    };
  }
  const spec: CronSpec = parseCron(body);
  return { kind, text, timeZone, next: (after) => nextCron(spec, after, timeZone) };
}
