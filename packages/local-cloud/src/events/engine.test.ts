import { describe, expect, it } from '@jest/globals';
import type { BusEvent } from '../core/ports';
import { fakeCloud } from '../testing/fakeCloud';
import { EventBridgeEngine } from './engine';
import { manualScheduler } from './manualScheduler';
import type { Target } from './model';
import { parsePattern } from './pattern';

const NOW = new Date('2026-03-01T12:00:00Z');
const ARN = 'arn:aws:%s:eu-west-1:000000000000:%s';
const arn = (service: string, resource: string) => ARN.replace('%s', service).replace('%s', resource);

function setup() {
  const fake = fakeCloud();
  const scheduler = manualScheduler();
  let ids = 0;
  const engine = new EventBridgeEngine(fake.cloud, {
    now: () => NOW,
    schedule: scheduler.schedule,
    newId: () => `event-${++ids}`,
  });
  fake.cloud.events = engine;
  engine.registry.createBus('spendwise-dev');
  const rule = (targets: Target[], state = 'ENABLED', busName = 'spendwise-dev') => {
    const created = engine.registry.putRule({
      name: 'to-targets',
      busName,
      state,
      pattern: parsePattern({ source: ['spendwise.expenses'] }),
    });
    engine.registry.putTargets(created, targets);
    return created;
  };
  return { ...fake, engine, scheduler, rule };
}

const entry = {
  Source: 'spendwise.expenses',
  DetailType: 'ExpenseRecorded',
  Detail: '{"amount":1250}',
  EventBusName: 'spendwise-dev',
};

describe('EventBridgeEngine.putEvents', () => {
  it('answers each entry with an EventId or its error, and counts the failures', async () => {
    const { engine } = setup();

    const result = await engine.putEvents([
      entry,
      { ...entry, Detail: '[]' },
      { ...entry, Source: undefined },
    ]);

    expect(result.FailedEntryCount).toBe(2);
    expect(result.Entries).toEqual([
      { EventId: 'event-1' },
      { ErrorCode: 'MalformedDetail', ErrorMessage: 'Detail is malformed.' },
      expect.objectContaining({ ErrorCode: 'InvalidArgument' }),
    ]);
  });

  it('shows every accepted event to the bus tap with its bus name', async () => {
    const { engine } = setup();
    const seen: [string, BusEvent][] = [];
    engine.tail((bus, event) => seen.push([bus, event]));

    await engine.putEvents([entry, { ...entry, EventBusName: undefined }]);

    expect(seen.map(([bus, event]) => [bus, event.id, event.detail])).toEqual([
      ['spendwise-dev', 'event-1', { amount: 1250 }],
      ['default', 'event-2', { amount: 1250 }],
    ]);
  });

  it('answers an event for a bus that does not exist with an EventId, as AWS does, and logs that it was dropped', async () => {
    const { engine, recorded } = setup();

    const result = await engine.putEvents([{ ...entry, EventBusName: 'no-such-bus' }]);

    expect(result).toEqual({ FailedEntryCount: 0, Entries: [{ EventId: 'event-1' }] });
    expect(recorded.messages.join('\n')).toContain("event bus 'no-such-bus', which does not exist");
  });

  it('accepts a bus given by its ARN', async () => {
    const { engine, recorded, rule } = setup();
    rule([{ Id: 'q', Arn: arn('sqs', 'inbox') }]);

    await engine.putEvents([{ ...entry, EventBusName: arn('events', 'event-bus/spendwise-dev') }]);
    await engine.settled();

    expect(recorded.sent).toHaveLength(1);
  });
});

describe('delivery to targets', () => {
  it('sends the event to a queue as the message body, with the FIFO group id', async () => {
    const { engine, recorded, rule } = setup();
    rule([{ Id: 'q', Arn: arn('sqs', 'inbox.fifo'), SqsParameters: { MessageGroupId: 'g1' } }]);

    await engine.putEvents([entry]);
    await engine.settled();

    expect(recorded.sent[0]?.queueRef).toBe(arn('sqs', 'inbox.fifo'));
    expect(recorded.sent[0]?.message.groupId).toBe('g1');
    expect(JSON.parse(recorded.sent[0]?.message.body ?? '')).toMatchObject({
      id: 'event-1',
      detail: { amount: 1250 },
    });
  });

  it('invokes a function asynchronously with the event as payload', async () => {
    const { engine, recorded, rule } = setup();
    rule([{ Id: 'f', Arn: arn('lambda', 'function:aggregate') }]);

    await engine.putEvents([entry]);
    await engine.settled();

    expect(recorded.invocations).toEqual([
      {
        functionRef: arn('lambda', 'function:aggregate'),
        payload: expect.objectContaining({ id: 'event-1' }),
        async: true,
      },
    ]);
  });

  it('starts a state machine execution with the transformed input', async () => {
    const { engine, recorded, rule } = setup();
    const machine = arn('states', 'stateMachine:report');
    rule([
      {
        Id: 's',
        Arn: machine,
        InputTransformer: { InputPathsMap: { a: '$.detail.amount' }, InputTemplate: '{"amount": <a>}' },
      },
    ]);

    await engine.putEvents([entry]);
    await engine.settled();

    expect(recorded.executions).toEqual([{ stateMachineArn: machine, input: '{"amount":1250}' }]);
  });

  it('publishes to a topic the value at InputPath', async () => {
    const { engine, recorded, rule } = setup();
    rule([{ Id: 't', Arn: arn('sns', 'ops-alerts'), InputPath: '$.detail' }]);

    await engine.putEvents([entry]);
    await engine.settled();

    expect(recorded.published).toEqual([{ topicArn: arn('sns', 'ops-alerts'), message: '{"amount":1250}' }]);
  });

  it('writes the event to a CloudWatch Logs log group named by its ARN, with or without the :* suffix', async () => {
    const { engine, recorded, rule } = setup();
    rule([
      { Id: 'a', Arn: arn('logs', 'log-group:/aws/events/spendwise-dev/audit:*') },
      { Id: 'b', Arn: arn('logs', 'log-group:/aws/events/other') },
    ]);

    await engine.putEvents([entry]);
    await engine.settled();

    expect(recorded.logs.map((log) => log.logGroup).sort()).toEqual([
      '/aws/events/other',
      '/aws/events/spendwise-dev/audit',
    ]);
    expect(JSON.parse(recorded.logs[0]?.line ?? '')).toMatchObject({ id: 'event-1' });
  });

  it('forwards the event unchanged to another bus, whose rules deliver it', async () => {
    const { engine, recorded, rule } = setup();
    rule([{ Id: 'bus', Arn: arn('events', 'event-bus/default') }]);
    rule([{ Id: 'q', Arn: arn('sqs', 'default-tap') }], 'ENABLED', 'default');

    await engine.putEvents([entry]);
    await engine.settled();

    expect(recorded.sent).toHaveLength(1);
    expect(JSON.parse(recorded.sent[0]?.message.body ?? '')).toMatchObject({
      source: 'spendwise.expenses',
      detail: { amount: 1250 },
    });
  });

  it('does not deliver through a disabled rule', async () => {
    const { engine, recorded, rule } = setup();
    rule([{ Id: 'q', Arn: arn('sqs', 'inbox') }], 'DISABLED');

    await engine.putEvents([entry]);
    await engine.settled();

    expect(recorded.sent).toEqual([]);
  });

  it('does not deliver an event the rule pattern does not match', async () => {
    const { engine, recorded, rule } = setup();
    rule([{ Id: 'q', Arn: arn('sqs', 'inbox') }]);

    await engine.putEvents([{ ...entry, Source: 'spendwise.catalog' }]);
    await engine.settled();

    expect(recorded.sent).toEqual([]);
    expect(recorded.metrics).toEqual([]);
  });

  it('does not deliver through a rule of another bus', async () => {
    const { engine, recorded, rule } = setup();
    rule([{ Id: 'q', Arn: arn('sqs', 'inbox') }], 'ENABLED', 'default');

    await engine.putEvents([entry]);
    await engine.settled();

    expect(recorded.sent).toEqual([]);
  });

  it('returns from PutEvents before a slow target has been reached', async () => {
    const { engine, cloud, rule } = setup();
    let release: () => void = () => {};
    cloud.sqs.send = () => new Promise((resolve) => (release = () => resolve({ messageId: 'm' })));
    rule([{ Id: 'q', Arn: arn('sqs', 'inbox') }]);

    const result = await engine.putEvents([entry]);

    expect(result.FailedEntryCount).toBe(0);
    release();
    await engine.settled();
  });

  it('counts TriggeredRules and Invocations per rule and MatchedEvents for the account', async () => {
    const { engine, recorded, rule } = setup();
    rule([{ Id: 'q', Arn: arn('sqs', 'inbox') }]);

    await engine.putEvents([entry]);
    await engine.settled();

    const names = recorded.metrics.map((m) => `${m.name} ${JSON.stringify(m.dimensions)}`);
    expect(names).toEqual([
      'TriggeredRules {"RuleName":"to-targets"}',
      'TriggeredRules {"EventBusName":"spendwise-dev","RuleName":"to-targets"}',
      'MatchedEvents {}',
      'Invocations {"RuleName":"to-targets"}',
      'Invocations {"EventBusName":"spendwise-dev","RuleName":"to-targets"}',
    ]);
    expect(recorded.metrics.every((m) => m.namespace === 'AWS/Events' && m.value === 1)).toBe(true);
  });
});

describe('scheduled rules', () => {
  it('lists rules with a schedule and fires a Scheduled Event at their targets', async () => {
    const { engine, recorded } = setup();
    const rule = engine.registry.putRule({ name: 'monthly', scheduleExpression: 'cron(0 6 1 * ? *)' });
    engine.registry.putTargets(rule, [{ Id: 'f', Arn: arn('lambda', 'function:report') }]);

    const [scheduled] = engine.scheduledRules();
    const event = scheduled?.fire();
    await engine.settled();

    expect(scheduled).toMatchObject({
      name: 'monthly',
      scheduleExpression: 'cron(0 6 1 * ? *)',
      enabled: true,
    });
    expect(event).toMatchObject({
      source: 'aws.events',
      'detail-type': 'Scheduled Event',
      resources: [rule.arn],
      detail: {},
    });
    expect(recorded.invocations[0]?.payload).toEqual(event);
  });

  it('does not fire a disabled scheduled rule', () => {
    const { engine } = setup();
    engine.registry.putRule({ name: 'monthly', scheduleExpression: 'rate(1 day)', state: 'DISABLED' });

    expect(engine.scheduledRules()[0]?.fire()).toBeUndefined();
  });
});
