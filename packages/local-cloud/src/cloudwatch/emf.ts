import type { LocalCloud } from '../core/context';
import type { MetricDatum } from '../core/ports';

interface MetricDirective {
  Namespace?: unknown;
  Dimensions?: unknown;
  Metrics?: unknown;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Values of one metric member: a number or an array of numbers (one data point each). */
const valuesOf = (value: unknown): number[] =>
  (Array.isArray(value) ? value : [value]).filter(
    (v): v is number => typeof v === 'number' && Number.isFinite(v),
  );

/** Dimension sets of a directive resolved against the root members; a set naming a missing member is skipped. */
function dimensionSets(directive: MetricDirective, root: Record<string, unknown>): Record<string, string>[] {
  const sets = Array.isArray(directive.Dimensions) ? directive.Dimensions : [[]];
  const resolved: Record<string, string>[] = [];
  for (const set of sets) {
    if (!Array.isArray(set)) continue;
    const entries = set.map((name) => [String(name), root[String(name)]] as const);
    if (entries.every(([, value]) => typeof value === 'string'))
      resolved.push(Object.fromEntries(entries) as Record<string, string>);
  }
  return resolved;
}

/** The data points one EMF directive describes. */
function directiveData(
  directive: MetricDirective,
  root: Record<string, unknown>,
  timestamp: Date,
): MetricDatum[] {
  if (typeof directive.Namespace !== 'string' || !Array.isArray(directive.Metrics)) return [];
  const data: MetricDatum[] = [];
  for (const dimensions of dimensionSets(directive, root)) {
    for (const metric of directive.Metrics as { Name?: unknown; Unit?: unknown }[]) {
      if (typeof metric?.Name !== 'string') continue;
      for (const value of valuesOf(root[metric.Name])) {
        const unit = typeof metric.Unit === 'string' ? metric.Unit : undefined;
        data.push({
          namespace: directive.Namespace,
          name: metric.Name,
          dimensions,
          value,
          timestamp,
          ...(unit ? { unit } : {}),
        });
      }
    }
  }
  return data;
}

/** Parses an Embedded Metric Format line; [] for any line that is not EMF (ordinary log output). */
export function parseEmf(line: string, now: () => number = Date.now): MetricDatum[] {
  const trimmed = line.trim();
  if (!trimmed.startsWith('{') || !trimmed.includes('"_aws"')) return [];
  let root: unknown;
  try {
    root = JSON.parse(trimmed);
  } catch {
    return [];
  }
  if (!isRecord(root) || !isRecord(root._aws) || !Array.isArray(root._aws.CloudWatchMetrics)) return [];
  const stamp = root._aws.Timestamp;
  const timestamp = typeof stamp === 'number' ? new Date(stamp) : new Date(now());
  return root._aws.CloudWatchMetrics.flatMap((directive) =>
    isRecord(directive) ? directiveData(directive, root as Record<string, unknown>, timestamp) : [],
  );
}

/**
 * Records the metrics of one EMF log line (as Powertools Metrics writes them) through `ctx.metrics`.
 * Returns how many data points it recorded; lines that are not EMF record none.
 *
 * @example
 * for (const line of stdout.split('\n')) recordEmf(line, cloud);
 */
export function recordEmf(line: string, ctx: Pick<LocalCloud, 'metrics'>, now?: () => number): number {
  const data = parseEmf(line, now);
  for (const datum of data) ctx.metrics.put(datum);
  return data.length;
}
