import { randomBytes } from 'node:crypto';
import type { LocalCloud } from '../core/context';
import type { CreatedResource, ResourceProvider } from '../core/resources';
import { type AlarmDefinition, parseAlarm } from './alarmDefinition';
import { alarmMessage, alarmSubject } from './alarmMessage';
import { type AlarmState, evaluateAlarm, type PeriodValue, type Verdict } from './evaluateAlarm';
import { type DimensionsMatcher, type Gauge, gaugeFor } from './gauges';
import { evaluate } from './mathExpression';
import type { MetricKey } from './metricStore';
import type { Statistic } from './statistics';

export interface AlarmEngineOptions {
  now?: () => number;
  /** How often the evaluator runs (default 10 000 ms). */
  tickMs?: number;
  /**
   * Local length of a period relative to AWS: 1 keeps a 60 s period 60 s long; 0.05 makes it 3 s, so demos
   * and tests see alarms move quickly. Statements in alarm messages keep the template's Period.
   */
  timeScale?: number;
}

/** An alarm's current state, as `alarms()` and the CLI show it. */
export interface AlarmStatus {
  name: string;
  state: AlarmState;
  reason: string;
  updatedAt: Date;
  definition: AlarmDefinition;
  /**
   * What DescribeAlarmHistory would list, newest last: state updates and the outcome of each action
   * (`Failed to execute action arn:aws:sns:…` when the topic's policy refuses CloudWatch).
   */
  history?: AlarmHistoryItem[];
}

/** One item of an alarm's history, as DescribeAlarmHistory's AlarmHistoryItem. */
export interface AlarmHistoryItem {
  timestamp: Date;
  type: 'StateUpdate' | 'Action';
  summary: string;
  /** For a failed action: the error, in AWS's words. */
  error?: string;
}

const MAX_HISTORY = 100;

/**
 * Evaluates `AWS::CloudWatch::Alarm`s against the local metrics and publishes CloudWatch's alarm message to
 * their SNS actions on every state change.
 *
 * @example
 * const alarms = new AlarmEngine(cloud, { timeScale: 0.05 });
 * alarms.registerGauge('AWS/SQS', 'ApproximateNumberOfMessagesVisible', ['QueueName'], (d) => depth(d.QueueName));
 * alarms.start();
 */
export class AlarmEngine {
  private readonly statuses = new Map<string, AlarmStatus>();
  private readonly gauges: Gauge[] = [];
  private readonly now: () => number;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly ctx: LocalCloud,
    private readonly options: AlarmEngineOptions = {},
  ) {
    this.now = options.now ?? Date.now;
  }

  providers(): ResourceProvider[] {
    return [
      {
        types: ['AWS::CloudWatch::Alarm'],
        create: async (resource, ctx): Promise<CreatedResource> => {
          const generated = `${resource.stack}-${resource.logicalId}-${randomBytes(6).toString('hex').toUpperCase()}`;
          const definition = this.define(parseAlarm(resource, ctx, generated, new Date(this.now())));
          return { ref: definition.name, attributes: { Arn: definition.arn } };
        },
      },
    ];
  }

  /** Adds (or replaces) an alarm; it starts in INSUFFICIENT_DATA, as a new CloudWatch alarm does. */
  define(definition: AlarmDefinition): AlarmDefinition {
    const reason = definition.evaluable
      ? 'Unchecked: Initial alarm creation'
      : 'Not evaluated locally: see the start-up report for what is not emulated';
    this.statuses.set(definition.name, {
      name: definition.name,
      state: 'INSUFFICIENT_DATA',
      reason,
      updatedAt: new Date(this.now()),
      definition,
    });
    return definition;
  }

  /** Lets a metric nobody pushes (SQS queue depth…) be read at each evaluation and stored as a data point. */
  registerGauge(namespace: string, name: string, matches: DimensionsMatcher, read: Gauge['read']): void {
    this.gauges.push({ namespace, name, matches, read });
  }

  /** Starts the evaluator loop (every `tickMs`); says how periods are scaled. */
  start(): void {
    if (this.timer) return;
    const tick = this.options.tickMs ?? 10_000;
    const scale = this.options.timeScale ?? 1;
    if (scale !== 1)
      this.ctx.log(
        `CloudWatch: alarm periods scaled by ${scale} locally (a 60 s period lasts ${60 * scale} s)`,
      );
    this.timer = setInterval(() => void this.evaluateNow(), tick);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  /** Every alarm's name, state and reason. */
  alarms(): AlarmStatus[] {
    return [...this.statuses.values()].map((s) => ({ ...s }));
  }

  /** Evaluates every alarm once now, publishing transitions; runs are serialised. */
  evaluateNow(): Promise<AlarmStatus[]> {
    const run = this.running.then(() => this.evaluateAll());
    this.running = run.catch((error) =>
      this.ctx.log(`CloudWatch: alarm evaluation failed: ${(error as Error).message}`),
    );
    return run;
  }

  private async evaluateAll(): Promise<AlarmStatus[]> {
    const at = this.now();
    for (const status of this.statuses.values()) {
      if (!status.definition.evaluable) continue;
      const verdict = evaluateAlarm(status.definition, this.periods(status.definition, at));
      if (verdict && verdict.state !== status.state) await this.transition(status, verdict, new Date(at));
    }
    return this.alarms();
  }

  /** The alarm's last EvaluationPeriods values, newest first; period i is [end - (i+1)P, end - iP). */
  private periods(definition: AlarmDefinition, at: number): PeriodValue[] {
    const length = definition.period * 1000 * (this.options.timeScale ?? 1);
    const end = at + 1;
    this.sampleGauges(definition, at);
    return Array.from({ length: definition.evaluationPeriods }, (_, i) => {
      const from = new Date(end - (i + 1) * length);
      const to = new Date(end - i * length);
      return { start: from, value: this.valueIn(definition, from, to) };
    });
  }

  private valueIn(definition: AlarmDefinition, from: Date, to: Date): number | undefined {
    const stat = (metric: MetricKey, statistic: Statistic) =>
      this.ctx.metrics.statistic(metric, statistic, from, to);
    const source = definition.source;
    if (source.kind === 'metric') return stat(source.metric, source.statistic);
    const values = new Map(source.stats.map((q) => [q.id, stat(q.metric, q.statistic)]));
    const resolve = (id: string, depth: number): number | undefined => {
      const expression = source.expressions.get(id);
      if (!expression || depth > 10) return values.get(id);
      return evaluate(expression, (next) => resolve(next, depth + 1));
    };
    return resolve(source.resultId, 0);
  }

  private metricsOf(definition: AlarmDefinition): MetricKey[] {
    const source = definition.source;
    return source.kind === 'metric' ? [source.metric] : source.stats.map((q) => q.metric);
  }

  private sampleGauges(definition: AlarmDefinition, at: number): void {
    for (const metric of this.metricsOf(definition)) {
      const gauge = gaugeFor(this.gauges, metric);
      const value = gauge?.read(metric.dimensions);
      if (value === undefined || !Number.isFinite(value)) continue;
      this.ctx.metrics.put({ ...metric, value, unit: 'Count', timestamp: new Date(at) });
    }
  }

  private async transition(status: AlarmStatus, verdict: Verdict, at: Date): Promise<void> {
    const from = status.state;
    Object.assign(status, { state: verdict.state, reason: verdict.reason, updatedAt: at });
    this.ctx.log(`CloudWatch: alarm ${status.name} ${from} -> ${verdict.state}: ${verdict.reason}`);
    const { definition } = status;
    if (!definition.actionsEnabled) return;
    const targets = {
      ALARM: definition.alarmActions,
      OK: definition.okActions,
      INSUFFICIENT_DATA: definition.insufficientDataActions,
    }[verdict.state];
    const message = JSON.stringify(alarmMessage(definition, { from, to: verdict, at }, this.ctx.config));
    const subject = alarmSubject(verdict.state, definition.name, this.ctx.config.region);
    record(status, {
      timestamp: at,
      type: 'StateUpdate',
      summary: `Alarm updated from ${from} to ${verdict.state}`,
    });
    for (const topicArn of targets) {
      try {
        // CloudWatch publishes as cloudwatch.amazonaws.com with the alarm as aws:SourceArn: the topic's policy
        // must allow it.
        const denial = await this.ctx.iam?.authorizeDelivery({
          principal: 'cloudwatch.amazonaws.com',
          target: topicArn,
          source: definition.arn,
          caller: `alarm ${definition.arn} → ${topicArn}`,
        });
        if (denial) throw denial.error;
        await this.ctx.sns.publish(topicArn, { message, subject });
        record(status, {
          timestamp: at,
          type: 'Action',
          summary: `Successfully executed action ${topicArn}`,
        });
      } catch (error) {
        const text = (error as Error).message;
        record(status, {
          timestamp: at,
          type: 'Action',
          summary: `Failed to execute action ${topicArn}`,
          error: text,
        });
        this.ctx.log(`CloudWatch: alarm ${status.name} could not publish to ${topicArn}: ${text}`);
      }
    }
  }
}

function record(status: AlarmStatus, item: AlarmHistoryItem): void {
  status.history ??= [];
  if (status.history.length >= MAX_HISTORY) status.history.shift();
  status.history.push(item);
}
