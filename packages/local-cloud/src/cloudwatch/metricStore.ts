import type { MetricDatum, MetricsPort } from '../core/ports';
import { type Aggregate, combine, type Statistic, single, statisticOf } from './statistics';

/** Identifies one metric: namespace, name and its exact set of dimensions. */
export interface MetricKey {
  namespace: string;
  name: string;
  dimensions: Record<string, string>;
}

interface StoredPoint extends Aggregate {
  at: number;
  unit?: string;
}

export interface MetricStoreOptions {
  /** How long data points are kept (default 3 hours). */
  retentionMs?: number;
  now?: () => number;
}

const keyOf = (metric: MetricKey) =>
  JSON.stringify([
    metric.namespace,
    metric.name,
    Object.entries(metric.dimensions).sort(([a], [b]) => a.localeCompare(b)),
  ]);

/**
 * In-memory CloudWatch metrics: data points with timestamps, kept for a few hours, aggregated on demand.
 *
 * @example
 * store.put({ namespace: 'AWS/Lambda', name: 'Errors', dimensions: { FunctionName: 'f' }, value: 1, timestamp: new Date() });
 * store.statistic({ namespace: 'AWS/Lambda', name: 'Errors', dimensions: { FunctionName: 'f' } }, 'Sum', from, to);
 */
export class MetricStore implements MetricsPort {
  private readonly series = new Map<string, { metric: MetricKey; points: StoredPoint[] }>();
  private readonly retentionMs: number;
  private readonly now: () => number;
  private lastPrune = 0;

  constructor(options: MetricStoreOptions = {}) {
    this.retentionMs = options.retentionMs ?? 3 * 60 * 60 * 1000;
    this.now = options.now ?? Date.now;
  }

  put(datum: MetricDatum): void {
    this.putAggregate(datum, single(datum.value), datum.timestamp, datum.unit);
  }

  /** Stores a pre-aggregated data point (PutMetricData's StatisticValues, or Values with Counts). */
  putAggregate(metric: MetricKey, aggregate: Aggregate, timestamp: Date, unit?: string): void {
    if (!Number.isFinite(aggregate.sum)) return;
    const key = keyOf(metric);
    let entry = this.series.get(key);
    if (!entry) {
      entry = { metric: { ...metric, dimensions: { ...metric.dimensions } }, points: [] };
      this.series.set(key, entry);
    }
    entry.points.push({ ...aggregate, at: timestamp.getTime(), ...(unit ? { unit } : {}) });
    this.prune();
  }

  /** The summary of one metric's points in [from, to), or undefined when there are none. */
  aggregate(metric: MetricKey, from: Date, to: Date, unit?: string): Aggregate | undefined {
    const points = this.series.get(keyOf(metric))?.points ?? [];
    const start = from.getTime();
    const end = to.getTime();
    return combine(points.filter((p) => p.at >= start && p.at < end && (!unit || p.unit === unit)));
  }

  statistic(metric: MetricKey, statistic: Statistic, from: Date, to: Date): number | undefined {
    const aggregate = this.aggregate(metric, from, to);
    return aggregate && statisticOf(aggregate, statistic);
  }

  /** Every metric that has data (for the CLI and ListMetrics-like views). */
  metrics(): MetricKey[] {
    return [...this.series.values()].filter((s) => s.points.length > 0).map((s) => s.metric);
  }

  private prune(): void {
    const now = this.now();
    if (now - this.lastPrune < 60_000) return;
    this.lastPrune = now;
    const oldest = now - this.retentionMs;
    for (const [key, entry] of this.series) {
      entry.points = entry.points.filter((p) => p.at >= oldest);
      if (entry.points.length === 0) this.series.delete(key);
    }
  }
}
