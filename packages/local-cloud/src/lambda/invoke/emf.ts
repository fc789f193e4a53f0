import type { MetricDatum } from '../../core/ports';

interface MetricDirective {
  Namespace?: unknown;
  Dimensions?: unknown;
  Metrics?: unknown;
}

/** The JSON object a log line carries: the whole line, or the message of a runtime text-format line. */
const jsonOf = (line: string): Record<string, unknown> | undefined => {
  const start = line.indexOf('{');
  if (start < 0) return undefined;
  const candidates = [line, line.split('\t').slice(3).join('\t')];
  for (const text of candidates) {
    if (!text.trimStart().startsWith('{')) continue;
    try {
      const value: unknown = JSON.parse(text);
      if (value !== null && typeof value === 'object' && !Array.isArray(value))
        return value as Record<string, unknown>;
    } catch {
      // not JSON: an ordinary log line
    }
  }
  return undefined;
};

const valuesOf = (value: unknown): number[] =>
  (Array.isArray(value) ? value : [value]).filter(
    (v): v is number => typeof v === 'number' && Number.isFinite(v),
  );

/** Dimension sets with every value present; `[]` means one set without dimensions. */
const dimensionSetsOf = (
  directive: MetricDirective,
  doc: Record<string, unknown>,
): Record<string, string>[] => {
  const sets =
    Array.isArray(directive.Dimensions) && directive.Dimensions.length > 0 ? directive.Dimensions : [[]];
  return sets
    .filter((set): set is string[] => Array.isArray(set) && set.every((n) => typeof n === 'string'))
    .filter((set) => set.every((name) => doc[name] !== undefined))
    .map((set) => Object.fromEntries(set.map((name) => [name, String(doc[name])])));
};

/**
 * The metric data points of a CloudWatch embedded-metric-format log line: each metric, in each dimension set,
 * under the directive's namespace. Any other line gives none.
 *
 * @example
 * metricsFromEmf('{"_aws":{"Timestamp":1,"CloudWatchMetrics":[{"Namespace":"N","Dimensions":[["service"]],"Metrics":[{"Name":"M"}]}]},"service":"s","M":1}')
 */
export function metricsFromEmf(line: string): MetricDatum[] {
  if (!line.includes('CloudWatchMetrics')) return [];
  const doc = jsonOf(line);
  const aws = doc?._aws as { Timestamp?: unknown; CloudWatchMetrics?: unknown } | undefined;
  if (!doc || !aws || !Array.isArray(aws.CloudWatchMetrics)) return [];
  const timestamp = new Date(typeof aws.Timestamp === 'number' ? aws.Timestamp : Date.now());
  return (aws.CloudWatchMetrics as MetricDirective[]).flatMap((directive) =>
    directiveData(directive, doc, timestamp),
  );
}

/** The data points of one metric directive: each metric's values in each of its dimension sets. */
function directiveData(
  directive: MetricDirective,
  doc: Record<string, unknown>,
  timestamp: Date,
): MetricDatum[] {
  const namespace = directive.Namespace;
  if (typeof namespace !== 'string' || !Array.isArray(directive.Metrics)) return [];
  const dimensionSets = dimensionSetsOf(directive, doc);
  const data: MetricDatum[] = [];
  for (const metric of directive.Metrics as { Name?: unknown; Unit?: unknown }[]) {
    if (typeof metric.Name !== 'string') continue;
    const unit = typeof metric.Unit === 'string' ? metric.Unit : undefined;
    for (const value of valuesOf(doc[metric.Name])) {
      for (const dimensions of dimensionSets) {
        data.push({ namespace, name: metric.Name, dimensions, value, unit, timestamp });
      }
    }
  }
  return data;
}
