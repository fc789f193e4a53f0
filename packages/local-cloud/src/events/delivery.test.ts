import { describe, expect, it } from '@jest/globals';
import { AwsApiError } from '../core/errors';
import type { OutgoingMessage } from '../core/ports';
import { fakeCloud } from '../testing/fakeCloud';
import { EventBridgeEngine } from './engine';
import { manualScheduler } from './manualScheduler';
import type { Target } from './model';
import { parsePattern } from './pattern';
import { nextRetry } from './retry';

const QUEUE = 'arn:aws:sqs:eu-west-1:000000000000:consumer';
const DLQ = 'arn:aws:sqs:eu-west-1:000000000000:consumer-dlq';
const entry = { Source: 'spendwise.expenses', DetailType: 'ExpenseRecorded', Detail: '{"amount":1}' };

/** An engine whose queue target fails `failures` times (with `error`) before accepting; the DLQ always accepts. */
function setup(
  target: Partial<Target>,
  failures: number,
  error = new AwsApiError(500, 'InternalError', 'boom'),
) {
  const fake = fakeCloud();
  const scheduler = manualScheduler();
  const engine = new EventBridgeEngine(fake.cloud, {
    now: () => new Date('2026-03-01T12:00:00Z'),
    schedule: scheduler.schedule,
    retry: { random: () => 1 },
  });
  const toQueue: OutgoingMessage[] = [];
  const toDlq: OutgoingMessage[] = [];
  let calls = 0;
  fake.cloud.sqs.send = async (queueRef, message) => {
    if (queueRef === DLQ) {
      toDlq.push(message);
      return { messageId: 'dlq' };
    }
    calls++;
    if (calls <= failures) throw error;
    toQueue.push(message);
    return { messageId: 'ok' };
  };
  const rule = engine.registry.putRule({
    name: 'consume',
    pattern: parsePattern({ source: ['spendwise.expenses'] }),
  });
  engine.registry.putTargets(rule, [{ Id: 'consumer', Arn: QUEUE, ...target }]);
  const deliver = async () => {
    await engine.putEvents([entry]);
    await scheduler.runAll(() => engine.settled());
  };
  return { ...fake, engine, scheduler, rule, toQueue, toDlq, deliver, calls: () => calls };
}

describe('retries and dead-letter queues', () => {
  it('retries a failing target until it accepts the event', async () => {
    const { deliver, toQueue, toDlq, calls } = setup({}, 3);

    await deliver();

    expect(calls()).toBe(4);
    expect(toQueue).toHaveLength(1);
    expect(toDlq).toEqual([]);
  });

  it('waits exponentially longer between retries, scaled down by the local time factor', async () => {
    const { deliver, scheduler } = setup({}, 4);

    await deliver();

    expect(scheduler.delays).toEqual([1, 2, 4, 8]);
  });

  it('sends the event to the DLQ with the documented attributes once MaximumRetryAttempts are used up', async () => {
    const { deliver, toDlq, calls, rule } = setup(
      { RetryPolicy: { MaximumRetryAttempts: 2 }, DeadLetterConfig: { Arn: DLQ } },
      Number.POSITIVE_INFINITY,
    );

    await deliver();

    expect(calls()).toBe(3);
    expect(toDlq).toHaveLength(1);
    expect(JSON.parse(toDlq[0]?.body ?? '')).toMatchObject({
      source: 'spendwise.expenses',
      detail: { amount: 1 },
    });
    expect(toDlq[0]?.attributes).toEqual({
      RULE_ARN: { DataType: 'String', StringValue: rule.arn },
      TARGET_ARN: { DataType: 'String', StringValue: QUEUE },
      ERROR_CODE: { DataType: 'String', StringValue: 'SDK_CLIENT_ERROR' },
      ERROR_MESSAGE: { DataType: 'String', StringValue: 'InternalError: boom' },
      RETRY_ATTEMPTS: { DataType: 'String', StringValue: '2' },
      EXHAUSTED_RETRY_CONDITION: { DataType: 'String', StringValue: 'MaximumRetryAttempts' },
    });
  });

  it('stops retrying when the next retry would pass MaximumEventAgeInSeconds', async () => {
    const { deliver, toDlq, calls } = setup(
      { RetryPolicy: { MaximumEventAgeInSeconds: 60 }, DeadLetterConfig: { Arn: DLQ } },
      Number.POSITIVE_INFINITY,
    );

    await deliver();

    // delays of 1+2+4+8+16 s fit in 60 s; the next (32 s) would not
    expect(calls()).toBe(6);
    expect(toDlq[0]?.attributes?.EXHAUSTED_RETRY_CONDITION?.StringValue).toBe('MaximumEventAgeInSeconds');
  });

  it('sends straight to the DLQ, without retrying, when the target does not exist', async () => {
    const missing = new AwsApiError(
      400,
      'AWS.SimpleQueueService.NonExistentQueue',
      'The specified queue does not exist.',
    );
    const { deliver, toDlq, calls } = setup(
      { DeadLetterConfig: { Arn: DLQ } },
      Number.POSITIVE_INFINITY,
      missing,
    );

    await deliver();

    expect(calls()).toBe(1);
    expect(toDlq[0]?.attributes).toMatchObject({
      ERROR_CODE: { DataType: 'String', StringValue: 'RESOURCE_NOT_FOUND' },
      RETRY_ATTEMPTS: { DataType: 'String', StringValue: '0' },
    });
    expect(toDlq[0]?.attributes?.EXHAUSTED_RETRY_CONDITION).toBeUndefined();
  });

  it('drops the event with a logged line when the target has no DLQ', async () => {
    const { deliver, recorded } = setup(
      { RetryPolicy: { MaximumRetryAttempts: 0 } },
      Number.POSITIVE_INFINITY,
    );

    await deliver();

    expect(recorded.messages.join('\n')).toMatch(
      /dropped event .* for target consumer of rule consume after 0 retries/,
    );
  });

  it('counts a permanent failure as one invocation, one failed invocation and one sent to the DLQ', async () => {
    const { deliver, recorded } = setup(
      { RetryPolicy: { MaximumRetryAttempts: 1 }, DeadLetterConfig: { Arn: DLQ } },
      Number.POSITIVE_INFINITY,
    );

    await deliver();

    const counts = recorded.metrics
      .filter((m) => Object.keys(m.dimensions).length === 1)
      .map((m) => m.name)
      .filter((name) => name !== 'TriggeredRules');
    expect(counts).toEqual(['Invocations', 'FailedInvocations', 'InvocationsSentToDlq']);
  });

  it('retries a failed Lambda invocation reported as an outcome rather than a rejection', async () => {
    const fake = fakeCloud();
    const scheduler = manualScheduler();
    const engine = new EventBridgeEngine(fake.cloud, { schedule: scheduler.schedule });
    let attempts = 0;
    fake.answers.invoke = async () =>
      ++attempts < 2
        ? {
            ok: false,
            errorType: 'TooManyRequestsException',
            errorMessage: 'Rate exceeded',
            durationMs: 0,
            coldStart: false,
          }
        : { ok: true, result: undefined, durationMs: 0, coldStart: false };
    const rule = engine.registry.putRule({
      name: 'r',
      pattern: parsePattern({ source: ['spendwise.expenses'] }),
    });
    engine.registry.putTargets(rule, [{ Id: 'f', Arn: 'arn:aws:lambda:eu-west-1:000000000000:function:f' }]);

    await engine.putEvents([entry]);
    await scheduler.runAll(() => engine.settled());

    expect(fake.recorded.invocations).toHaveLength(2);
  });
});

describe('the retry schedule', () => {
  const timing = { baseDelayMs: 1000, maxDelayMs: 600_000, scale: 0.001, random: () => 0 };

  it('uses the AWS defaults of 185 retries when the target has no RetryPolicy', () => {
    expect(nextRetry(undefined, 184, 0, timing)).toHaveProperty('retryAfterMs');
    expect(nextRetry(undefined, 185, 0, timing)).toEqual({ exhausted: 'MaximumRetryAttempts' });
  });

  it('caps a delay at the maximum and jitters it down to half', () => {
    expect(nextRetry(undefined, 30, 0, timing)).toEqual({ retryAfterMs: 300_000 });
  });
});
