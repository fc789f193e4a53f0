import { arnOf } from '../core/arn';
import type { LocalCloud } from '../core/context';
import { resourceReporter } from '../core/report';
import type { ResolvedResource } from '../core/resources';
import { type Expression, functionsIn, parseExpression, SUPPORTED_FUNCTIONS } from './mathExpression';
import type { MetricKey } from './metricStore';
import { isStatistic, type Statistic } from './statistics';

export const COMPARISONS = [
  'GreaterThanThreshold',
  'GreaterThanOrEqualToThreshold',
  'LessThanThreshold',
  'LessThanOrEqualToThreshold',
] as const;
export type Comparison = (typeof COMPARISONS)[number];
export type TreatMissingData = 'missing' | 'notBreaching' | 'breaching' | 'ignore';

/** One `MetricStat` entry of a metric-math alarm. */
export interface MetricStatQuery {
  id: string;
  metric: MetricKey;
  statistic: Statistic;
}

/** What an alarm watches: one metric, or a metric-math expression over several. */
export type AlarmSource =
  | { kind: 'metric'; metric: MetricKey; statistic: Statistic }
  | { kind: 'math'; stats: MetricStatQuery[]; expressions: Map<string, Expression>; resultId: string };

/** An alarm as the local evaluator runs it (parsed from `AWS::CloudWatch::Alarm`). */
export interface AlarmDefinition {
  name: string;
  arn: string;
  description?: string;
  source: AlarmSource;
  /** Seconds, as in the template (the engine scales it locally). */
  period: number;
  evaluationPeriods: number;
  datapointsToAlarm: number;
  threshold: number;
  comparison: Comparison;
  treatMissingData: TreatMissingData;
  actionsEnabled: boolean;
  alarmActions: string[];
  okActions: string[];
  insufficientDataActions: string[];
  /** False when something it needs is not emulated: the alarm then stays INSUFFICIENT_DATA. */
  evaluable: boolean;
  /** Template properties, for the `Trigger` of alarm messages. */
  properties: Record<string, unknown>;
  configuredAt: Date;
}

const HONOURED = new Set([
  'AlarmName',
  'AlarmDescription',
  'Namespace',
  'MetricName',
  'Dimensions',
  'Statistic',
  'Period',
  'EvaluationPeriods',
  'DatapointsToAlarm',
  'Threshold',
  'ComparisonOperator',
  'TreatMissingData',
  'Metrics',
  'ActionsEnabled',
  'AlarmActions',
  'OKActions',
  'InsufficientDataActions',
  'Tags',
]);
const UNHONOURED: Record<string, string> = {
  ExtendedStatistic: 'percentile statistics are not computed locally; the alarm stays INSUFFICIENT_DATA',
  EvaluateLowSampleCountPercentile: 'only applies to percentile statistics, which are not computed locally',
  ThresholdMetricId: 'anomaly detection bands are not emulated; the alarm stays INSUFFICIENT_DATA',
  Unit: 'data points of every unit are counted',
};

/** Records unhonoured properties by name; returns a reporter for later findings. */
function reporter(resource: ResolvedResource, ctx: LocalCloud) {
  const report = resourceReporter(ctx, resource);
  for (const property of Object.keys(resource.properties))
    if (!HONOURED.has(property)) report(property, UNHONOURED[property] ?? 'unknown property, ignored');
  return report;
}

const dimensionsOf = (value: unknown): Record<string, string> =>
  Object.fromEntries(
    (Array.isArray(value) ? value : []).map((d: { Name: unknown; Value: unknown }) => [
      String(d.Name),
      String(d.Value),
    ]),
  );

const metricOf = (m: Record<string, unknown>): MetricKey => ({
  namespace: String(m.Namespace),
  name: String(m.MetricName),
  dimensions: dimensionsOf(m.Dimensions),
});

type Report = (property: string, reason: string) => void;
type MetricEntry = {
  Id?: unknown;
  Expression?: unknown;
  ReturnData?: unknown;
  AccountId?: unknown;
  MetricStat?: Record<string, unknown>;
};

/** Parses the `Metrics` form; the result is the one entry with ReturnData not false. */
function mathSource(
  entries: MetricEntry[],
  report: Report,
): { source: AlarmSource; period: number; ok: boolean } {
  const stats: MetricStatQuery[] = [];
  const expressions = new Map<string, Expression>();
  let ok = true;
  let period = 60;
  for (const entry of entries) {
    const id = String(entry.Id);
    if (entry.AccountId !== undefined) report('Metrics', `${id}: cross-account metrics are not emulated`);
    if (typeof entry.Expression === 'string') {
      const expression = parseExpression(entry.Expression);
      const unsupported = functionsIn(expression).filter(
        (f) => !(SUPPORTED_FUNCTIONS as readonly string[]).includes(f),
      );
      for (const name of new Set(unsupported))
        report('Metrics', `${id}: metric math function ${name} is not emulated (no data)`);
      expressions.set(id, expression);
    } else if (entry.MetricStat) {
      const stat = entry.MetricStat.Stat;
      if (!isStatistic(stat)) {
        report('Metrics', `${id}: statistic ${String(stat)} is not computed locally`);
        ok = false;
      }
      period = Number(entry.MetricStat.Period ?? period);
      stats.push({
        id,
        metric: metricOf(entry.MetricStat.Metric as Record<string, unknown>),
        statistic: stat as Statistic,
      });
    }
  }
  const result = entries.find((e) => e.ReturnData !== false && e.ReturnData !== 'false');
  return { source: { kind: 'math', stats, expressions, resultId: String(result?.Id) }, period, ok };
}

const actions = (value: unknown, property: string, report: Report): string[] =>
  (Array.isArray(value) ? value.map(String) : []).filter((arn) => {
    if (arn.startsWith('arn:aws:sns:')) return true;
    report(property, `action ${arn} is not taken locally: only SNS topic actions are emulated`);
    return false;
  });

function comparisonOf(value: unknown, report: Report): Comparison | undefined {
  if ((COMPARISONS as readonly unknown[]).includes(value)) return value as Comparison;
  report(
    'ComparisonOperator',
    `${String(value)} needs anomaly detection, which is not emulated; the alarm stays INSUFFICIENT_DATA`,
  );
  return undefined;
}

/** Reads an `AWS::CloudWatch::Alarm` resource, reporting by name what the local evaluator cannot honour. */
export function parseAlarm(
  resource: ResolvedResource,
  ctx: LocalCloud,
  generatedName: string,
  configuredAt: Date,
): AlarmDefinition {
  const p = resource.properties;
  const report = reporter(resource, ctx);
  const name = typeof p.AlarmName === 'string' ? p.AlarmName : generatedName;
  const math = Array.isArray(p.Metrics) ? mathSource(p.Metrics as MetricEntry[], report) : undefined;
  const statistic = p.Statistic;
  const singleOk = math !== undefined || isStatistic(statistic);
  const comparison = comparisonOf(p.ComparisonOperator, report);
  const evaluationPeriods = Number(p.EvaluationPeriods ?? 1);
  return {
    name,
    arn: arnOf(ctx.config, 'cloudwatch', `alarm:${name}`),
    ...(typeof p.AlarmDescription === 'string' ? { description: p.AlarmDescription } : {}),
    source: math?.source ?? { kind: 'metric', metric: metricOf(p), statistic: statistic as Statistic },
    period: math?.period ?? Number(p.Period ?? 60),
    evaluationPeriods,
    datapointsToAlarm: Number(p.DatapointsToAlarm ?? evaluationPeriods),
    threshold: Number(p.Threshold ?? 0),
    comparison: comparison ?? 'GreaterThanThreshold',
    treatMissingData: (p.TreatMissingData as TreatMissingData | undefined) ?? 'missing',
    actionsEnabled: p.ActionsEnabled !== false && p.ActionsEnabled !== 'false',
    alarmActions: actions(p.AlarmActions, 'AlarmActions', report),
    okActions: actions(p.OKActions, 'OKActions', report),
    insufficientDataActions: actions(p.InsufficientDataActions, 'InsufficientDataActions', report),
    evaluable:
      singleOk && (math?.ok ?? true) && comparison !== undefined && p.ThresholdMetricId === undefined,
    properties: p,
    configuredAt,
  };
}
