/** The five statistics CloudWatch keeps for every metric. */
export type Statistic = 'Sum' | 'Average' | 'Minimum' | 'Maximum' | 'SampleCount';

export const STATISTICS: readonly Statistic[] = ['Sum', 'Average', 'Minimum', 'Maximum', 'SampleCount'];

export const isStatistic = (value: unknown): value is Statistic =>
  typeof value === 'string' && (STATISTICS as readonly string[]).includes(value);

/** A set of values summarised the way CloudWatch stores them (a single value is count 1, sum = min = max). */
export interface Aggregate {
  count: number;
  sum: number;
  min: number;
  max: number;
}

export const single = (value: number): Aggregate => ({ count: 1, sum: value, min: value, max: value });

/** Merges summaries; undefined when there are none. */
export function combine(parts: Aggregate[]): Aggregate | undefined {
  if (parts.length === 0) return undefined;
  return parts.reduce((a, b) => ({
    count: a.count + b.count,
    sum: a.sum + b.sum,
    min: Math.min(a.min, b.min),
    max: Math.max(a.max, b.max),
  }));
}

/** One statistic of a summary. */
export function statisticOf(aggregate: Aggregate, statistic: Statistic): number {
  switch (statistic) {
    case 'Sum':
      return aggregate.sum;
    case 'Average':
      return aggregate.count === 0 ? 0 : aggregate.sum / aggregate.count;
    case 'Minimum':
      return aggregate.min;
    case 'Maximum':
      return aggregate.max;
    case 'SampleCount':
      return aggregate.count;
  }
}
