import {
  CreateArchiveCommand,
  CreateEventBusCommand,
  DescribeReplayCommand,
  DescribeRuleCommand,
  EventBridgeClient,
  ListTargetsByRuleCommand,
  PutEventsCommand,
  PutRuleCommand,
  PutTargetsCommand,
  ResourceNotFoundException,
  StartReplayCommand,
} from '@aws-sdk/client-eventbridge';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createEventsApi, EventBridgeEngine, manualScheduler } from '../../src/events';
import { Gateway } from '../../src/gateway';
import { fakeCloud } from '../../src/testing/fakeCloud';

const QUEUE = 'arn:aws:sqs:eu-west-1:000000000000:developer-tap';

describe('the EventBridge API through the real SDK client', () => {
  const fake = fakeCloud();
  const scheduler = manualScheduler();
  const engine = new EventBridgeEngine(fake.cloud, { schedule: scheduler.schedule });
  fake.cloud.events = engine;
  const gateway = new Gateway({ host: '127.0.0.1', port: 0, apis: [createEventsApi(engine)] });
  let client: EventBridgeClient;

  beforeAll(async () => {
    const endpoint = await gateway.start();
    client = new EventBridgeClient({
      endpoint,
      region: 'eu-west-1',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    });
  });

  afterAll(async () => {
    client.destroy();
    await gateway.stop();
  });

  it('taps a custom bus with a queue through PutRule and PutTargets, then delivers PutEvents to it', async () => {
    await client.send(new CreateEventBusCommand({ Name: 'spendwise-dev' }));
    await client.send(
      new PutRuleCommand({
        Name: 'developer-tap',
        EventBusName: 'spendwise-dev',
        EventPattern: JSON.stringify({ source: [{ prefix: 'spendwise.' }] }),
      }),
    );
    await client.send(
      new PutTargetsCommand({
        Rule: 'developer-tap',
        EventBusName: 'spendwise-dev',
        Targets: [
          {
            Id: 'mine',
            Arn: QUEUE,
            InputTransformer: {
              InputPathsMap: { type: '$.detail-type', amount: '$.detail.data.amount' },
              InputTemplate: '{"type": <type>, "amount": <amount>, "rule": "<aws.events.rule-name>"}',
            },
          },
        ],
      }),
    );

    const result = await client.send(
      new PutEventsCommand({
        Entries: [
          {
            EventBusName: 'spendwise-dev',
            Source: 'spendwise.expenses',
            DetailType: 'ExpenseRecorded',
            Detail: JSON.stringify({ data: { amount: 1250 } }),
            Time: new Date('2026-03-01T10:00:00Z'),
          },
          {
            EventBusName: 'spendwise-dev',
            Source: 'spendwise.expenses',
            DetailType: 'Broken',
            Detail: 'not json',
          },
        ],
      }),
    );
    await engine.settled();

    expect(result.FailedEntryCount).toBe(1);
    expect(result.Entries?.[0]?.EventId).toEqual(expect.any(String));
    expect(result.Entries?.[1]).toMatchObject({ ErrorCode: 'MalformedDetail' });
    expect(fake.recorded.sent.map((sent) => [sent.queueRef, JSON.parse(sent.message.body)])).toEqual([
      [QUEUE, { type: 'ExpenseRecorded', amount: 1250, rule: 'developer-tap' }],
    ]);
  });

  it('returns the targets as they were put', async () => {
    const listed = await client.send(
      new ListTargetsByRuleCommand({ Rule: 'developer-tap', EventBusName: 'spendwise-dev' }),
    );

    expect(
      listed.Targets?.map((target) => [target.Id, target.Arn, target.InputTransformer?.InputPathsMap?.type]),
    ).toEqual([['mine', QUEUE, '$.detail-type']]);
  });

  it('raises the SDK exception class for a rule that does not exist', async () => {
    await expect(client.send(new DescribeRuleCommand({ Name: 'ghost' }))).rejects.toBeInstanceOf(
      ResourceNotFoundException,
    );
  });

  it('replays archived events with the time window and dates the SDK sends', async () => {
    const busArn = 'arn:aws:events:eu-west-1:000000000000:event-bus/spendwise-dev';
    const archive = await client.send(
      new CreateArchiveCommand({ ArchiveName: 'all', EventSourceArn: busArn }),
    );
    await client.send(
      new PutEventsCommand({
        Entries: [
          {
            EventBusName: 'spendwise-dev',
            Source: 'spendwise.catalog',
            DetailType: 'BudgetSet',
            Detail: JSON.stringify({ data: { amount: 5 } }),
            Time: new Date('2026-03-01T09:00:00Z'),
          },
        ],
      }),
    );
    await engine.settled();
    fake.recorded.sent.length = 0;

    await client.send(
      new StartReplayCommand({
        ReplayName: 'budgets',
        EventSourceArn: archive.ArchiveArn,
        EventStartTime: new Date('2026-03-01T08:00:00Z'),
        EventEndTime: new Date('2026-03-01T10:00:00Z'),
        Destination: { Arn: busArn },
      }),
    );
    await scheduler.runAll(() => engine.settled());
    const replay = await client.send(new DescribeReplayCommand({ ReplayName: 'budgets' }));

    expect(replay.State).toBe('COMPLETED');
    expect(replay.EventLastReplayedTime).toEqual(new Date('2026-03-01T09:00:00Z'));
    expect(fake.recorded.sent.map((sent) => JSON.parse(sent.message.body).type)).toEqual(['BudgetSet']);
  });
});
