import { gunzipSync } from 'node:zlib';
import { AwsApiError } from '../core/errors';
import type { AwsApi, AwsRequest, AwsResponse } from '../core/protocol';
import type { AlarmEngine, AlarmStatus } from './alarmEngine';
import type { MetricKey, MetricStore } from './metricStore';
import { type Aggregate, isStatistic, single, statisticOf } from './statistics';

type Json = Record<string, unknown>;

/** CloudWatch's JSON protocol is query-compatible: errors carry `x-amzn-query-error` too. */
const invalid = (message: string) =>
  new AwsApiError(400, 'InvalidParameterValue', message, {
    'x-amzn-query-error': 'InvalidParameterValue;Sender',
  });

/** Timestamps arrive as epoch seconds (JSON protocol) or ISO strings. */
const timeOf = (value: unknown, fallback?: number): Date => {
  if (typeof value === 'number') return new Date(value * 1000);
  if (typeof value === 'string') return new Date(value);
  if (fallback !== undefined) return new Date(fallback);
  throw invalid('A timestamp is required');
};

const metricKey = (namespace: unknown, name: unknown, dimensions: unknown): MetricKey => {
  if (typeof namespace !== 'string' || typeof name !== 'string')
    throw invalid('Namespace and MetricName are required');
  const list = Array.isArray(dimensions) ? (dimensions as { Name: string; Value: string }[]) : [];
  return { namespace, name, dimensions: Object.fromEntries(list.map((d) => [d.Name, d.Value])) };
};

/** One MetricData entry as the aggregates it stands for (Value, Values with Counts, or StatisticValues). */
function aggregatesOf(datum: Json): Aggregate[] {
  const stats = datum.StatisticValues as Json | undefined;
  if (stats)
    return [
      {
        count: Number(stats.SampleCount),
        sum: Number(stats.Sum),
        min: Number(stats.Minimum),
        max: Number(stats.Maximum),
      },
    ];
  if (Array.isArray(datum.Values)) {
    const counts = Array.isArray(datum.Counts) ? datum.Counts.map(Number) : [];
    return datum.Values.map((v, i) => {
      const count = counts[i] ?? 1;
      return { count, sum: Number(v) * count, min: Number(v), max: Number(v) };
    });
  }
  if (typeof datum.Value === 'number') return [single(datum.Value)];
  throw invalid('Each MetricDatum needs Value, Values or StatisticValues');
}

function putMetricData(input: Json, store: MetricStore, now: number): Json {
  for (const datum of (input.MetricData as Json[] | undefined) ?? []) {
    const key = metricKey(input.Namespace, datum.MetricName, datum.Dimensions);
    const at = timeOf(datum.Timestamp, now);
    const unit = typeof datum.Unit === 'string' ? datum.Unit : undefined;
    for (const aggregate of aggregatesOf(datum)) store.putAggregate(key, aggregate, at, unit);
  }
  return {};
}

function getMetricStatistics(input: Json, store: MetricStore): Json {
  const key = metricKey(input.Namespace, input.MetricName, input.Dimensions);
  const period = Number(input.Period) * 1000;
  if (!(period > 0)) throw invalid('Period must be positive');
  const statistics = ((input.Statistics as string[] | undefined) ?? []).filter(isStatistic);
  const unit = typeof input.Unit === 'string' ? input.Unit : undefined;
  const datapoints: Json[] = [];
  for (let t = timeOf(input.StartTime).getTime(); t < timeOf(input.EndTime).getTime(); t += period) {
    const aggregate = store.aggregate(key, new Date(t), new Date(t + period), unit);
    if (!aggregate) continue;
    const values = Object.fromEntries(statistics.map((s) => [s, statisticOf(aggregate, s)]));
    datapoints.push({ Timestamp: t / 1000, ...values, Unit: unit ?? 'None' });
  }
  return { Label: key.name, Datapoints: datapoints };
}

const dimensionList = (dimensions: Record<string, string>) =>
  Object.entries(dimensions).map(([Name, Value]) => ({ Name, Value }));

function metricAlarm(status: AlarmStatus): Json {
  const d = status.definition;
  const single = d.source.kind === 'metric' ? d.source : undefined;
  return {
    AlarmName: d.name,
    AlarmArn: d.arn,
    ...(d.description ? { AlarmDescription: d.description } : {}),
    AlarmConfigurationUpdatedTimestamp: d.configuredAt.getTime() / 1000,
    ActionsEnabled: d.actionsEnabled,
    OKActions: d.okActions,
    AlarmActions: d.alarmActions,
    InsufficientDataActions: d.insufficientDataActions,
    StateValue: status.state,
    StateReason: status.reason,
    StateUpdatedTimestamp: status.updatedAt.getTime() / 1000,
    ...(single
      ? {
          MetricName: single.metric.name,
          Namespace: single.metric.namespace,
          Statistic: single.statistic,
          Dimensions: dimensionList(single.metric.dimensions),
          Period: d.period,
        }
      : { Metrics: d.properties.Metrics }),
    EvaluationPeriods: d.evaluationPeriods,
    DatapointsToAlarm: d.datapointsToAlarm,
    Threshold: d.threshold,
    ComparisonOperator: d.comparison,
    TreatMissingData: d.treatMissingData,
  };
}

function describeAlarms(input: Json, engine: AlarmEngine): Json {
  const names = input.AlarmNames as string[] | undefined;
  const prefix = input.AlarmNamePrefix as string | undefined;
  const state = input.StateValue as string | undefined;
  const alarms = engine
    .alarms()
    .filter((a) => !names?.length || names.includes(a.name))
    .filter((a) => !prefix || a.name.startsWith(prefix))
    .filter((a) => !state || a.state === state);
  return { MetricAlarms: alarms.map(metricAlarm), CompositeAlarms: [] };
}

const bodyOf = (request: AwsRequest): Json => {
  const raw = request.headers['content-encoding'] === 'gzip' ? gunzipSync(request.body) : request.body;
  return raw.length ? (JSON.parse(raw.toString('utf8')) as Json) : {};
};

/**
 * CloudWatch's JSON API (`GraniteServiceVersion20100801.*`, what SDK v3 sends): PutMetricData,
 * GetMetricStatistics and DescribeAlarms. The older query protocol is not served.
 */
export function cloudWatchApi(store: MetricStore, engine: AlarmEngine, now: () => number = Date.now): AwsApi {
  const actions: Record<string, (input: Json) => Json> = {
    PutMetricData: (input) => putMetricData(input, store, now()),
    GetMetricStatistics: (input) => getMetricStatistics(input, store),
    DescribeAlarms: (input) => describeAlarms(input, engine),
  };
  return {
    services: ['monitoring'],
    accepts: (request) => request.protocol === 'json',
    async handle(request) {
      const action = Object.hasOwn(actions, request.action) ? actions[request.action] : undefined;
      if (!action)
        throw new AwsApiError(
          400,
          'UnknownOperationException',
          `${request.action} is not emulated by the local cloud`,
        );
      return { status: 200, body: action(bodyOf(request)) } satisfies AwsResponse;
    },
  };
}
