import { describe, expect, it } from '@jest/globals';
import type { BusEvent } from '../core/ports';
import { fakeCloud } from '../testing/fakeCloud';
import { EventBridgeEngine } from './engine';
import { manualScheduler } from './manualScheduler';
import { parsePattern } from './pattern';

const BUS_ARN = 'arn:aws:events:eu-west-1:000000000000:event-bus/spendwise-dev';

function setup() {
  const fake = fakeCloud();
  const scheduler = manualScheduler();
  let now = new Date('2026-03-01T12:00:00Z');
  const engine = new EventBridgeEngine(fake.cloud, { now: () => now, schedule: scheduler.schedule });
  engine.registry.createBus('spendwise-dev');
  const archive = engine.archives.create(
    { name: 'all', sourceArn: BUS_ARN, busName: 'spendwise-dev', retentionDays: 0 },
    now,
  );
  const rule = engine.registry.putRule({
    name: 'r',
    busName: 'spendwise-dev',
    pattern: parsePattern({ source: [{ prefix: '' }] }),
  });
  engine.registry.putTargets(rule, [{ Id: 'q', Arn: 'arn:aws:sqs:eu-west-1:000000000000:replayed' }]);
  const put = (detailType: string, time: string) =>
    engine.putEvents([
      {
        Source: 'spendwise.expenses',
        DetailType: detailType,
        Detail: '{}',
        EventBusName: 'spendwise-dev',
        Time: time,
      },
    ]);
  const setNow = (iso: string) => {
    now = new Date(iso);
  };
  return { ...fake, engine, scheduler, archive, rule, put, setNow };
}

describe('archives and replays', () => {
  it('keeps every event its bus receives', async () => {
    const { engine, archive, put } = setup();

    await put('ExpenseRecorded', '2026-03-01T10:00:00Z');
    await engine.putEvents([{ Source: 's', DetailType: 'Other', Detail: '{}' }]);

    expect(archive.events.map((e) => e.event['detail-type'])).toEqual(['ExpenseRecorded']);
  });

  it('replays the events of a time window to the bus rules, marked with the replay name', async () => {
    const { engine, scheduler, archive, put, recorded } = setup();
    await put('Early', '2026-03-01T08:00:00Z');
    await put('InWindow', '2026-03-01T10:00:00Z');
    await put('Late', '2026-03-01T11:30:00Z');
    await engine.settled();
    recorded.sent.length = 0;

    const replay = engine.startReplay({
      name: 'fix-1',
      archiveArn: archive.arn,
      eventStartTime: new Date('2026-03-01T09:00:00Z'),
      eventEndTime: new Date('2026-03-01T11:00:00Z'),
      destination: { Arn: BUS_ARN },
    });
    await scheduler.runAll(() => engine.settled());

    const delivered = recorded.sent.map(
      (s) => JSON.parse(s.message.body) as BusEvent & { 'replay-name': string },
    );
    expect(delivered.map((e) => [e['detail-type'], e['replay-name']])).toEqual([['InWindow', 'fix-1']]);
    expect(replay).toMatchObject({
      state: 'COMPLETED',
      eventLastReplayedTime: new Date('2026-03-01T10:00:00Z'),
    });
  });

  it('does not archive replayed events again', async () => {
    const { engine, scheduler, archive, put } = setup();
    await put('InWindow', '2026-03-01T10:00:00Z');

    engine.startReplay({
      name: 'again',
      archiveArn: archive.arn,
      eventStartTime: new Date('2026-03-01T00:00:00Z'),
      eventEndTime: new Date('2026-03-02T00:00:00Z'),
      destination: { Arn: BUS_ARN },
    });
    await scheduler.runAll(() => engine.settled());

    expect(archive.events).toHaveLength(1);
  });

  it('replays only to the rules named in FilterArns', async () => {
    const { engine, scheduler, archive, put, recorded } = setup();
    await put('InWindow', '2026-03-01T10:00:00Z');
    await engine.settled();
    recorded.sent.length = 0;

    engine.startReplay({
      name: 'none',
      archiveArn: archive.arn,
      eventStartTime: new Date('2026-03-01T00:00:00Z'),
      eventEndTime: new Date('2026-03-02T00:00:00Z'),
      destination: {
        Arn: BUS_ARN,
        FilterArns: ['arn:aws:events:eu-west-1:000000000000:rule/spendwise-dev/other'],
      },
    });
    await scheduler.runAll(() => engine.settled());

    expect(recorded.sent).toEqual([]);
  });

  it('refuses a replay to another bus than the archive’s', () => {
    const { engine, archive } = setup();

    expect(() =>
      engine.startReplay({
        name: 'x',
        archiveArn: archive.arn,
        eventStartTime: new Date(0),
        eventEndTime: new Date(),
        destination: { Arn: 'arn:aws:events:eu-west-1:000000000000:event-bus/default' },
      }),
    ).toThrow('Cross event bus replay is not permitted.');
  });

  it('forgets events older than the retention period', async () => {
    const { engine, put, setNow } = setup();
    const kept = engine.archives.create(
      { name: 'short', sourceArn: BUS_ARN, busName: 'spendwise-dev', retentionDays: 1 },
      engine.now(),
    );
    await put('Old', '2026-03-01T10:00:00Z');

    setNow('2026-03-03T12:00:00Z');
    await put('New', '2026-03-03T11:00:00Z');

    expect(kept.events.map((e) => e.event['detail-type'])).toEqual(['New']);
  });

  it('keeps only the events matching the archive pattern', async () => {
    const { engine, put } = setup();
    const budgets = engine.archives.create(
      {
        name: 'budgets',
        sourceArn: BUS_ARN,
        busName: 'spendwise-dev',
        retentionDays: 0,
        pattern: parsePattern({ 'detail-type': ['BudgetSet'] }),
      },
      engine.now(),
    );

    await put('ExpenseRecorded', '2026-03-01T10:00:00Z');
    await put('BudgetSet', '2026-03-01T10:00:00Z');

    expect(budgets.events.map((e) => e.event['detail-type'])).toEqual(['BudgetSet']);
  });
});
