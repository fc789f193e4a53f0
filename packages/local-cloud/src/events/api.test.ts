import { describe, expect, it } from '@jest/globals';
import type { AwsRequest } from '../core/protocol';
import { fakeCloud } from '../testing/fakeCloud';
import { createEventsApi } from './api';
import { EventBridgeEngine } from './engine';
import { manualScheduler } from './manualScheduler';

function setup() {
  const fake = fakeCloud();
  const engine = new EventBridgeEngine(fake.cloud, { schedule: manualScheduler().schedule });
  fake.cloud.events = engine;
  const api = createEventsApi(engine);
  const call = async (action: string, input: object) => {
    const request: AwsRequest = {
      service: 'events',
      protocol: 'json',
      action,
      target: `AWSEvents.${action}`,
      method: 'POST',
      path: '/',
      query: new URLSearchParams(),
      headers: { 'content-type': 'application/x-amz-json-1.1' },
      body: Buffer.from(JSON.stringify(input)),
      http2: false,
    };
    return (await api.handle(request)).body as Record<string, unknown>;
  };
  return { ...fake, engine, api, call };
}

const QUEUE = 'arn:aws:sqs:eu-west-1:000000000000:my-tap';

describe('the EventBridge API', () => {
  it('answers EventBridge requests and nothing else on the events signing name', () => {
    const { api } = setup();

    expect(api.services).toEqual(['events']);
    expect(api.accepts?.({ target: 'AWSEvents.PutEvents' } as AwsRequest)).toBe(true);
    expect(api.accepts?.({ target: 'AWSEventsPipes.CreatePipe' } as AwsRequest)).toBe(false);
  });

  it('creates a rule on a custom bus and describes it with its ARN and pattern', async () => {
    const { call } = setup();
    await call('CreateEventBus', { Name: 'spendwise-dev' });

    const put = await call('PutRule', {
      Name: 'tap',
      EventBusName: 'spendwise-dev',
      EventPattern: '{"source":["spendwise.expenses"]}',
    });
    const described = await call('DescribeRule', { Name: 'tap', EventBusName: 'spendwise-dev' });

    expect(put).toEqual({ RuleArn: 'arn:aws:events:eu-west-1:000000000000:rule/spendwise-dev/tap' });
    expect(described).toMatchObject({
      Name: 'tap',
      EventBusName: 'spendwise-dev',
      State: 'ENABLED',
      EventPattern: '{"source":["spendwise.expenses"]}',
    });
  });

  it('rejects a rule with neither a pattern nor a schedule', async () => {
    const { call } = setup();

    await expect(call('PutRule', { Name: 'empty' })).rejects.toMatchObject({ code: 'ValidationException' });
  });

  it('rejects an invalid pattern with InvalidEventPatternException', async () => {
    const { call } = setup();

    await expect(call('PutRule', { Name: 'bad', EventPattern: '{not json' })).rejects.toMatchObject({
      code: 'InvalidEventPatternException',
    });
  });

  it('answers ResourceNotFoundException for a rule that does not exist', async () => {
    const { call } = setup();

    await expect(call('DescribeRule', { Name: 'ghost' })).rejects.toMatchObject({
      code: 'ResourceNotFoundException',
      message: 'Rule ghost does not exist on EventBus default.',
    });
  });

  it('lists rules of a bus filtered by NamePrefix', async () => {
    const { call } = setup();
    for (const Name of ['insights-a', 'insights-b', 'notify'])
      await call('PutRule', { Name, EventPattern: '{"source":["x"]}' });

    const listed = await call('ListRules', { NamePrefix: 'insights-' });

    expect((listed.Rules as { Name: string }[]).map((rule) => rule.Name)).toEqual([
      'insights-a',
      'insights-b',
    ]);
  });

  it('refuses to delete a rule that still has targets, and deletes it once they are removed', async () => {
    const { call } = setup();
    await call('PutRule', { Name: 'tap', EventPattern: '{"source":["x"]}' });
    await call('PutTargets', { Rule: 'tap', Targets: [{ Id: 'q', Arn: QUEUE }] });

    await expect(call('DeleteRule', { Name: 'tap' })).rejects.toMatchObject({
      code: 'ValidationException',
      message: "Rule can't be deleted since it has targets.",
    });
    await call('RemoveTargets', { Rule: 'tap', Ids: ['q'] });
    await call('DeleteRule', { Name: 'tap' });
    await expect(call('DescribeRule', { Name: 'tap' })).rejects.toMatchObject({
      code: 'ResourceNotFoundException',
    });
  });

  it('lists the targets of a rule as they were put', async () => {
    const { call } = setup();
    await call('PutRule', { Name: 'tap', EventPattern: '{"source":["x"]}' });
    const target = { Id: 'q', Arn: QUEUE, InputPath: '$.detail' };

    const put = await call('PutTargets', { Rule: 'tap', Targets: [target] });
    const listed = await call('ListTargetsByRule', { Rule: 'tap' });

    expect(put).toEqual({ FailedEntryCount: 0, FailedEntries: [] });
    expect(listed).toEqual({ Targets: [target] });
  });

  it('refuses a sixth target on a rule with LimitExceededException', async () => {
    const { call } = setup();
    await call('PutRule', { Name: 'tap', EventPattern: '{"source":["x"]}' });
    const Targets = Array.from({ length: 6 }, (_, i) => ({ Id: `t${i}`, Arn: QUEUE }));

    await expect(call('PutTargets', { Rule: 'tap', Targets })).rejects.toMatchObject({
      code: 'LimitExceededException',
    });
  });

  it('refuses a target with both Input and InputPath', async () => {
    const { call } = setup();
    await call('PutRule', { Name: 'tap', EventPattern: '{"source":["x"]}' });

    await expect(
      call('PutTargets', {
        Rule: 'tap',
        Targets: [{ Id: 'q', Arn: QUEUE, Input: '{}', InputPath: '$.detail' }],
      }),
    ).rejects.toMatchObject({ code: 'ValidationException' });
  });

  it('disables and enables a rule', async () => {
    const { call } = setup();
    await call('PutRule', { Name: 'tap', EventPattern: '{"source":["x"]}' });

    await call('DisableRule', { Name: 'tap' });
    const disabled = await call('DescribeRule', { Name: 'tap' });
    await call('EnableRule', { Name: 'tap' });
    const enabled = await call('DescribeRule', { Name: 'tap' });

    expect([disabled.State, enabled.State]).toEqual(['DISABLED', 'ENABLED']);
  });

  it('taps the bus with a queue of the developer’s own through PutRule, PutTargets and PutEvents', async () => {
    const { call, engine, recorded } = setup();
    await call('PutRule', { Name: 'my-tap', EventPattern: '{"source":[{"prefix":""}]}' });
    await call('PutTargets', { Rule: 'my-tap', Targets: [{ Id: 'mine', Arn: QUEUE }] });

    const result = await call('PutEvents', {
      Entries: [
        {
          Source: 'spendwise.catalog',
          DetailType: 'BudgetSet',
          Detail: '{"limit":100}',
          Time: 1_772_000_000,
        },
      ],
    });
    await engine.settled();

    expect(result.FailedEntryCount).toBe(0);
    expect(recorded.sent.map((s) => s.queueRef)).toEqual([QUEUE]);
    expect(JSON.parse(recorded.sent[0]?.message.body ?? '')).toMatchObject({
      'detail-type': 'BudgetSet',
      detail: { limit: 100 },
    });
  });

  it('answers TestEventPattern with the match result', async () => {
    const { call } = setup();
    const event = {
      id: '1',
      account: '000000000000',
      source: 'spendwise.expenses',
      time: '2026-03-01T00:00:00Z',
      region: 'eu-west-1',
      'detail-type': 'ExpenseRecorded',
      detail: {},
    };

    const matching = await call('TestEventPattern', {
      EventPattern: '{"source":["spendwise.expenses"]}',
      Event: JSON.stringify(event),
    });
    const other = await call('TestEventPattern', {
      EventPattern: '{"source":["spendwise.catalog"]}',
      Event: JSON.stringify(event),
    });

    expect([matching, other]).toEqual([{ Result: true }, { Result: false }]);
  });

  it('refuses a TestEventPattern event that lacks the envelope fields', async () => {
    const { call } = setup();

    await expect(
      call('TestEventPattern', { EventPattern: '{"source":["a"]}', Event: '{"source":"a"}' }),
    ).rejects.toMatchObject({
      code: 'ValidationException',
      message: expect.stringContaining('id, account, time, region, detail-type'),
    });
  });

  it('lists the default bus and the buses created', async () => {
    const { call } = setup();
    await call('CreateEventBus', { Name: 'spendwise-dev' });

    const listed = await call('ListEventBuses', {});

    expect((listed.EventBuses as { Name: string }[]).map((bus) => bus.Name)).toEqual([
      'default',
      'spendwise-dev',
    ]);
  });

  it('answers an operation it does not emulate with UnknownOperationException', async () => {
    const { call } = setup();

    await expect(call('CreateConnection', {})).rejects.toMatchObject({ code: 'UnknownOperationException' });
  });
});
