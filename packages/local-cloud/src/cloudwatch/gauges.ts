import type { MetricKey } from './metricStore';

/** Which dimension sets a gauge answers: a predicate, or the exact list of dimension names. */
export type DimensionsMatcher = ((dimensions: Record<string, string>) => boolean) | readonly string[];

/** A metric nobody pushes, read on demand (e.g. a queue's depth). */
export interface Gauge {
  namespace: string;
  name: string;
  matches: DimensionsMatcher;
  read: (dimensions: Record<string, string>) => number | undefined;
}

const dimensionsMatch = (matcher: DimensionsMatcher, dimensions: Record<string, string>) => {
  if (typeof matcher === 'function') return matcher(dimensions);
  const names = Object.keys(dimensions).sort();
  return names.length === matcher.length && [...matcher].sort().every((name, i) => name === names[i]);
};

/** The gauge that answers a metric, if any (the last registered wins). */
export const gaugeFor = (gauges: readonly Gauge[], metric: MetricKey): Gauge | undefined =>
  gauges.findLast(
    (g) =>
      g.namespace === metric.namespace &&
      g.name === metric.name &&
      dimensionsMatch(g.matches, metric.dimensions),
  );
