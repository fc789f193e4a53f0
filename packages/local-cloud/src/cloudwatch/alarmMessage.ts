import type { AlarmDefinition } from './alarmDefinition';
import type { AlarmState, Verdict } from './evaluateAlarm';

/** Region names as CloudWatch writes them into alarm messages and subjects. */
const REGION_NAMES: Record<string, string> = {
  'us-east-1': 'US East (N. Virginia)',
  'us-east-2': 'US East (Ohio)',
  'us-west-1': 'US West (N. California)',
  'us-west-2': 'US West (Oregon)',
  'eu-west-1': 'EU (Ireland)',
  'eu-west-2': 'EU (London)',
  'eu-west-3': 'EU (Paris)',
  'eu-central-1': 'EU (Frankfurt)',
  'eu-north-1': 'EU (Stockholm)',
  'eu-south-1': 'EU (Milan)',
  'ap-southeast-1': 'Asia Pacific (Singapore)',
  'ap-southeast-2': 'Asia Pacific (Sydney)',
  'ap-northeast-1': 'Asia Pacific (Tokyo)',
  'ca-central-1': 'Canada (Central)',
  'sa-east-1': 'South America (Sao Paulo)',
};

export const regionName = (region: string) => REGION_NAMES[region] ?? region;

/** `2026-01-01T12:00:00.000+0000`, CloudWatch's timestamp format in alarm messages. */
export const cloudWatchTime = (date: Date) => date.toISOString().replace('Z', '+0000');

/** `ALARM: "name" in EU (Ireland)`, cut to SNS's 100-character subject limit. */
export const alarmSubject = (state: AlarmState, name: string, region: string) =>
  `${state}: "${name}" in ${regionName(region)}`.slice(0, 100);

const lowerDimensions = (dimensions: Record<string, string>) =>
  Object.entries(dimensions).map(([name, value]) => ({ value, name }));

type Rec = Record<string, unknown>;

/** The template's Metrics entries in the message's shape (dimension keys lower-case, as CloudWatch sends). */
const triggerMetrics = (metrics: Rec[]) =>
  metrics.map((entry) => {
    const stat = entry.MetricStat as Rec | undefined;
    if (!stat) return { ...entry };
    const metric = stat.Metric as Rec;
    const dims = Object.fromEntries(
      ((metric.Dimensions as Rec[]) ?? []).map((d) => [String(d.Name), String(d.Value)]),
    );
    return {
      ...entry,
      MetricStat: {
        ...stat,
        Metric: {
          Dimensions: lowerDimensions(dims),
          MetricName: metric.MetricName,
          Namespace: metric.Namespace,
        },
      },
    };
  });

/** The `Trigger` object: the metric (or metrics) and the rule that decided the state. */
function trigger(definition: AlarmDefinition) {
  const common = {
    Period: definition.period,
    EvaluationPeriods: definition.evaluationPeriods,
    DatapointsToAlarm: definition.datapointsToAlarm,
    ComparisonOperator: definition.comparison,
    Threshold: definition.threshold,
    TreatMissingData: definition.treatMissingData,
    EvaluateLowSampleCountPercentile: '',
  };
  const source = definition.source;
  if (source.kind === 'math')
    return { Metrics: triggerMetrics(definition.properties.Metrics as Rec[]), ...common };
  return {
    MetricName: source.metric.name,
    Namespace: source.metric.namespace,
    StatisticType: 'Statistic',
    Statistic: source.statistic.toUpperCase().replace('SAMPLECOUNT', 'SAMPLE_COUNT'),
    Unit: null,
    Dimensions: lowerDimensions(source.metric.dimensions),
    ...common,
  };
}

/** The JSON CloudWatch publishes to an alarm's SNS actions on a state change. */
export function alarmMessage(
  definition: AlarmDefinition,
  change: { from: AlarmState; to: Verdict; at: Date },
  config: { accountId: string; region: string },
) {
  return {
    AlarmName: definition.name,
    AlarmDescription: definition.description ?? null,
    AWSAccountId: config.accountId,
    AlarmConfigurationUpdatedTimestamp: cloudWatchTime(definition.configuredAt),
    NewStateValue: change.to.state,
    NewStateReason: change.to.reason,
    StateChangeTime: cloudWatchTime(change.at),
    Region: regionName(config.region),
    AlarmArn: definition.arn,
    OldStateValue: change.from,
    OKActions: definition.okActions,
    AlarmActions: definition.alarmActions,
    InsufficientDataActions: definition.insufficientDataActions,
    Trigger: trigger(definition),
  };
}
