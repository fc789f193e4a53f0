import { afterEach, describe, expect, it, jest } from '@jest/globals';
import { AwsApiError } from '../core/errors';
import { fakeCloud } from '../testing/fakeCloud';
import { SchedulerEngine } from './engine';
import { ScheduleProvider } from './provider';

const REPORT_MACHINE = 'arn:aws:states:eu-west-1:000000000000:stateMachine:insights-local-report';

describe('SchedulerEngine', () => {
  afterEach(() => {
    jest.useRealTimers();
  });

  it('runs a schedule now, rendering context attributes into the target input', async () => {
    const { cloud, recorded } = fakeCloud();
    const scheduler = new SchedulerEngine(cloud);
    scheduler.addSchedule({
      name: 'monthly-report',
      expression: 'cron(0 6 1 * ? *)',
      timeZone: 'Europe/Madrid',
      target: { Arn: REPORT_MACHINE, Input: '{"trigger":"schedule","at":"<aws.scheduler.scheduled-time>"}' },
    });

    await scheduler.runNow('monthly-report');

    expect(recorded.executions).toHaveLength(1);
    expect(recorded.executions[0]!.stateMachineArn).toBe(REPORT_MACHINE);
    expect(JSON.parse(recorded.executions[0]!.input).at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
    expect(scheduler.list()[0]).toMatchObject({ id: 'monthly-report', fires: 1, timeZone: 'Europe/Madrid' });
    scheduler.stop();
  });

  it('lists each schedule and rule with its next fire time', () => {
    jest.useFakeTimers({ now: new Date('2025-01-15T10:00:00Z') });
    const { cloud } = fakeCloud();
    const scheduler = new SchedulerEngine(cloud);
    scheduler.addScheduledRule('nightly-sweep', 'cron(0 2 * * ? *)', async () => {});
    scheduler.addSchedule({
      name: 'off',
      expression: 'rate(1 hour)',
      state: 'DISABLED',
      target: { Arn: REPORT_MACHINE },
    });

    const items = scheduler.list();

    expect(items).toEqual([
      expect.objectContaining({
        id: 'rule:nightly-sweep',
        kind: 'rule',
        nextFire: new Date('2025-01-16T02:00:00Z'),
      }),
      expect.objectContaining({ id: 'off', state: 'DISABLED', nextFire: undefined }),
    ]);
    scheduler.stop();
  });

  it('fires a schedule rule when its time comes, then arms the next occurrence', async () => {
    jest.useFakeTimers({ now: new Date('2025-01-15T10:00:30Z') });
    const { cloud } = fakeCloud();
    const scheduler = new SchedulerEngine(cloud);
    const fired: number[] = [];
    scheduler.addScheduledRule('every-minute', 'rate(1 minute)', async () => void fired.push(Date.now()));

    await jest.advanceTimersByTimeAsync(125_000);

    expect(fired.map((time) => new Date(time).toISOString())).toEqual([
      '2025-01-15T10:01:30.000Z',
      '2025-01-15T10:02:30.000Z',
    ]);
    expect(scheduler.list()[0]!.nextFire).toEqual(new Date('2025-01-15T10:03:30Z'));
    scheduler.stop();
  });

  it('retries a failed delivery and then sends it to the dead-letter queue', async () => {
    jest.useFakeTimers({ now: new Date('2025-01-15T10:00:00Z') });
    const { cloud, recorded } = fakeCloud();
    let sends = 0;
    cloud.sqs.send = async (queueRef, message) => {
      if (!queueRef.endsWith(':dlq')) {
        sends++;
        throw new AwsApiError(400, 'QueueDoesNotExist', 'gone');
      }
      recorded.sent.push({ queueRef, message });
      return { messageId: 'dead-letter' };
    };
    const scheduler = new SchedulerEngine(cloud, { retryBaseMs: 10 });
    scheduler.addSchedule({
      name: 'push',
      expression: 'rate(1 minute)',
      target: {
        Arn: 'arn:aws:sqs:eu-west-1:000000000000:gone',
        Input: '{"x":1}',
        RetryPolicy: { MaximumRetryAttempts: 2 },
        DeadLetterConfig: { Arn: 'arn:aws:sqs:eu-west-1:000000000000:dlq' },
      },
    });

    await jest.advanceTimersByTimeAsync(60_100);

    expect(sends).toBe(3);
    expect(recorded.sent).toHaveLength(1);
    expect(recorded.sent[0]!.message).toMatchObject({
      body: '{"x":1}',
      attributes: { ERROR_CODE: { StringValue: 'AwsApiError' }, RETRY_ATTEMPTS: { StringValue: '2' } },
    });
    scheduler.stop();
  });

  it('rejects runNow for a name it does not know', async () => {
    const scheduler = new SchedulerEngine(fakeCloud().cloud);

    await expect(scheduler.runNow('ghost')).rejects.toThrow(/No single schedule or rule named 'ghost'/);
  });
});

describe('ScheduleProvider', () => {
  it('deploys a schedule, answers Ref and Arn, and reports what it cannot honour', async () => {
    const { cloud, recorded } = fakeCloud();
    const scheduler = new SchedulerEngine(cloud);
    const provider = new ScheduleProvider(scheduler);

    const created = await provider.create(
      {
        stack: 'insights',
        stackDir: '/tmp',
        logicalId: 'MonthlyReport',
        type: 'AWS::Scheduler::Schedule',
        properties: {
          Name: 'insights-local-monthly',
          ScheduleExpression: 'cron(0 6 1 * ? *)',
          FlexibleTimeWindow: { Mode: 'FLEXIBLE', MaximumWindowInMinutes: 15 },
          Target: {
            Arn: 'arn:aws:scheduler:::aws-sdk:dynamodb:putItem',
            RoleArn: 'arn:aws:iam::000000000000:role/r',
          },
        },
      },
      cloud,
    );

    expect(created).toEqual({
      ref: 'insights-local-monthly',
      attributes: { Arn: 'arn:aws:scheduler:eu-west-1:000000000000:schedule/default/insights-local-monthly' },
    });
    expect(recorded.unsupported.map((item) => item.property)).toEqual(['FlexibleTimeWindow', 'Target.Arn']);
    await expect(scheduler.runNow('insights-local-monthly')).rejects.toMatchObject({
      name: 'UnsupportedTargetError',
    });
    scheduler.stop();
  });
});
