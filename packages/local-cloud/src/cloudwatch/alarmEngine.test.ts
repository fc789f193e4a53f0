import { describe, expect, it } from '@jest/globals';
import type { ResolvedResource } from '../core/resources';
import { fakeCloud } from '../testing/fakeCloud';
import { AlarmEngine } from './alarmEngine';
import { MetricStore } from './metricStore';

const T0 = Date.UTC(2026, 0, 1, 12, 0, 0);
const TOPIC = 'arn:aws:sns:eu-west-1:000000000000:spendwise-dev-ops-alerts';
const errorsOf = (fn: string) => ({
  namespace: 'AWS/Lambda',
  name: 'Errors',
  dimensions: { FunctionName: fn },
});

function setup(options: { timeScale?: number } = {}) {
  const fake = fakeCloud();
  let now = T0;
  const clock = {
    now: () => now,
    set: (seconds: number) => {
      now = T0 + seconds * 1000;
    },
  };
  fake.cloud.metrics = new MetricStore({ now: clock.now });
  const engine = new AlarmEngine(fake.cloud, { now: clock.now, ...options });
  const put = (fn: string, value: number, seconds: number) =>
    fake.cloud.metrics.put({ ...errorsOf(fn), value, timestamp: new Date(T0 + seconds * 1000) });
  const create = (properties: Record<string, unknown>, logicalId = 'Alarm') => {
    const resource: ResolvedResource = {
      stack: 'expenses',
      stackDir: '/tmp',
      logicalId,
      type: 'AWS::CloudWatch::Alarm',
      properties,
    };
    return engine.providers()[0]!.create(resource, fake.cloud);
  };
  const stateAt = async (seconds: number) => {
    clock.set(seconds);
    const [status] = await engine.evaluateNow();
    return status?.state;
  };
  return { ...fake, engine, clock, put, create, stateAt };
}

const relayErrors = (overrides: Record<string, unknown> = {}) => ({
  AlarmName: 'spendwise-dev-expenses-outbox-relay-errors',
  AlarmDescription: 'The outbox relay is failing.',
  Namespace: 'AWS/Lambda',
  MetricName: 'Errors',
  Dimensions: [{ Name: 'FunctionName', Value: 'relay' }],
  Statistic: 'Sum',
  Period: 60,
  EvaluationPeriods: 3,
  DatapointsToAlarm: 2,
  Threshold: 0,
  ComparisonOperator: 'GreaterThanThreshold',
  TreatMissingData: 'notBreaching',
  AlarmActions: [TOPIC],
  OKActions: [TOPIC],
  ...overrides,
});

describe('AlarmEngine transitions', () => {
  it('goes OK, then ALARM when 2 of the last 3 periods breach, then OK again', async () => {
    const { create, put, stateAt, recorded } = setup();
    await create(relayErrors());

    const first = await stateAt(0);
    put('relay', 1, 30);
    const oneBreach = await stateAt(40);
    put('relay', 1, 100);
    const twoBreaches = await stateAt(110);
    const later = await stateAt(400);

    expect([first, oneBreach, twoBreaches, later]).toEqual(['OK', 'OK', 'ALARM', 'OK']);
    expect(recorded.published.map((p) => p.subject)).toEqual([
      'OK: "spendwise-dev-expenses-outbox-relay-errors" in EU (Ireland)',
      'ALARM: "spendwise-dev-expenses-outbox-relay-errors" in EU (Ireland)',
      'OK: "spendwise-dev-expenses-outbox-relay-errors" in EU (Ireland)',
    ]);
  });

  it.each([
    ['missing', 1, 'INSUFFICIENT_DATA'],
    ['ignore', 1, 'ALARM'],
    ['breaching', 0, 'ALARM'],
    ['notBreaching', 1, 'OK'],
    ['ignore', 0, 'OK'],
  ])(
    'with TreatMissingData %s, a gap after a value of %d leaves the alarm %s',
    async (mode, value, expected) => {
      const { create, put, stateAt } = setup();
      await create(relayErrors({ TreatMissingData: mode, EvaluationPeriods: 1, DatapointsToAlarm: 1 }));
      put('relay', value, 5);

      const before = await stateAt(10);
      const after = await stateAt(600);

      expect(before).toBe(value > 0 ? 'ALARM' : 'OK');
      expect(after).toBe(expected);
    },
  );

  it('publishes CloudWatch alarm JSON to the alarm actions', async () => {
    const { create, put, stateAt, recorded } = setup();
    await create(relayErrors({ EvaluationPeriods: 1, DatapointsToAlarm: 1, OKActions: [] }));
    put('relay', 2, 5);

    await stateAt(10);

    expect(recorded.published).toHaveLength(1);
    expect(recorded.published[0]?.topicArn).toBe(TOPIC);
    expect(JSON.parse(recorded.published[0]?.message ?? '')).toEqual({
      AlarmName: 'spendwise-dev-expenses-outbox-relay-errors',
      AlarmDescription: 'The outbox relay is failing.',
      AWSAccountId: '000000000000',
      AlarmConfigurationUpdatedTimestamp: '2026-01-01T12:00:00.000+0000',
      NewStateValue: 'ALARM',
      NewStateReason:
        'Threshold Crossed: 1 out of the last 1 datapoints [2.0 (01/01/26 11:59:10)] was greater than the threshold (0.0) (minimum 1 datapoint for OK -> ALARM transition).',
      StateChangeTime: '2026-01-01T12:00:10.000+0000',
      Region: 'EU (Ireland)',
      AlarmArn: 'arn:aws:cloudwatch:eu-west-1:000000000000:alarm:spendwise-dev-expenses-outbox-relay-errors',
      OldStateValue: 'INSUFFICIENT_DATA',
      OKActions: [],
      AlarmActions: [TOPIC],
      InsufficientDataActions: [],
      Trigger: {
        MetricName: 'Errors',
        Namespace: 'AWS/Lambda',
        StatisticType: 'Statistic',
        Statistic: 'SUM',
        Unit: null,
        Dimensions: [{ value: 'relay', name: 'FunctionName' }],
        Period: 60,
        EvaluationPeriods: 1,
        DatapointsToAlarm: 1,
        ComparisonOperator: 'GreaterThanThreshold',
        Threshold: 0,
        TreatMissingData: 'notBreaching',
        EvaluateLowSampleCountPercentile: '',
      },
    });
  });

  it('changes state but publishes nothing when ActionsEnabled is false', async () => {
    const { create, put, stateAt, recorded } = setup();
    await create(relayErrors({ ActionsEnabled: false, EvaluationPeriods: 1, DatapointsToAlarm: 1 }));
    put('relay', 1, 5);

    expect(await stateAt(10)).toBe('ALARM');
    expect(recorded.published).toEqual([]);
  });

  it('shortens periods by the time scale', async () => {
    const { create, put, stateAt } = setup({ timeScale: 0.01 });
    await create(relayErrors({ EvaluationPeriods: 1, DatapointsToAlarm: 1 }));
    put('relay', 1, 0);

    const inside = await stateAt(0.5);
    const outside = await stateAt(1);

    expect([inside, outside]).toEqual(['ALARM', 'OK']);
  });
});

const mathAlarm = (expression: string) => ({
  AlarmName: 'api-errors',
  Metrics: [
    { Id: 'total', Expression: expression, Label: 'All errors', ReturnData: true },
    ...['create', 'list'].map((fn) => ({
      Id: fn,
      ReturnData: false,
      MetricStat: {
        Metric: {
          Namespace: 'AWS/Lambda',
          MetricName: 'Errors',
          Dimensions: [{ Name: 'FunctionName', Value: fn }],
        },
        Period: 60,
        Stat: 'Sum',
      },
    })),
  ],
  EvaluationPeriods: 1,
  DatapointsToAlarm: 1,
  Threshold: 0,
  ComparisonOperator: 'GreaterThanThreshold',
  TreatMissingData: 'notBreaching',
  AlarmActions: [TOPIC],
});

describe('AlarmEngine metric math', () => {
  it('alarms on the sum of several functions errors', async () => {
    const { create, put, stateAt, recorded } = setup();
    await create(mathAlarm('create + list'));
    put('create', 1, 5);
    put('list', 0, 6);

    expect(await stateAt(10)).toBe('ALARM');
    const trigger = JSON.parse(recorded.published[0]?.message ?? '').Trigger;
    expect(trigger.Metrics[0]).toEqual({
      Id: 'total',
      Expression: 'create + list',
      Label: 'All errors',
      ReturnData: true,
    });
    expect(trigger.Metrics[1].MetricStat.Metric.Dimensions).toEqual([
      { value: 'create', name: 'FunctionName' },
    ]);
  });

  it('has no data for a + b when one function reported nothing, but SUM still alarms', async () => {
    const plus = setup();
    const sum = setup();
    await plus.create(mathAlarm('create + list'));
    await sum.create(mathAlarm('SUM([create, list])'));
    plus.put('create', 1, 5);
    sum.put('create', 1, 5);

    expect(await plus.stateAt(10)).toBe('OK');
    expect(await sum.stateAt(10)).toBe('ALARM');
  });
});

describe('AlarmEngine gauges', () => {
  it('alarms on a queue depth read from a registered gauge', async () => {
    const { engine, create, stateAt } = setup();
    const depth: Record<string, number> = { 'audit-dlq': 0 };
    engine.registerGauge(
      'AWS/SQS',
      'ApproximateNumberOfMessagesVisible',
      ['QueueName'],
      (d) => depth[d.QueueName ?? ''],
    );
    await create({
      AlarmName: 'audit-dlq-not-empty',
      Namespace: 'AWS/SQS',
      MetricName: 'ApproximateNumberOfMessagesVisible',
      Dimensions: [{ Name: 'QueueName', Value: 'audit-dlq' }],
      Statistic: 'Maximum',
      Period: 60,
      EvaluationPeriods: 1,
      Threshold: 0,
      ComparisonOperator: 'GreaterThanThreshold',
      TreatMissingData: 'notBreaching',
    });

    const empty = await stateAt(0);
    depth['audit-dlq'] = 3;
    const filled = await stateAt(10);
    depth['audit-dlq'] = 0;
    const stillInWindow = await stateAt(20);
    const drained = await stateAt(80);

    expect([empty, filled, stillInWindow, drained]).toEqual(['OK', 'ALARM', 'ALARM', 'OK']);
  });
});

describe('AlarmEngine reporting', () => {
  it('reports what it cannot evaluate and leaves such alarms in INSUFFICIENT_DATA', async () => {
    const { create, stateAt, recorded } = setup();
    await create(
      relayErrors({
        Statistic: undefined,
        ExtendedStatistic: 'p99',
        AlarmActions: ['arn:aws:automate:eu-west-1:ec2:stop'],
      }),
    );

    const state = await stateAt(10);

    expect(state).toBe('INSUFFICIENT_DATA');
    expect(recorded.unsupported.map((u) => u.property)).toEqual(['ExtendedStatistic', 'AlarmActions']);
  });

  it('reports anomaly-detection comparisons and metric math functions it does not implement by name', async () => {
    const { create, recorded } = setup();
    await create({
      ...mathAlarm('ANOMALY_DETECTION_BAND(create, 2)'),
      ComparisonOperator: 'LessThanLowerOrGreaterThanUpperThreshold',
    });

    expect(recorded.unsupported.map((u) => u.reason)).toEqual([
      'total: metric math function ANOMALY_DETECTION_BAND is not emulated (no data)',
      expect.stringContaining('LessThanLowerOrGreaterThanUpperThreshold needs anomaly detection'),
    ]);
  });
});
