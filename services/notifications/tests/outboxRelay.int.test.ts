import type {
  PutEventsCommand,
  PutEventsCommandOutput,
  PutEventsRequestEntry,
} from '@aws-sdk/client-eventbridge';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { buildEventPublisher, validateNotificationDeliveredV1 } from '@spendwise/contracts';
import { buildOutboxStore, relayOutbox } from '@spendwise/outbox';
import { StreamReader } from '@spendwise/test-kit';
import type { DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { buildInboxStore } from '../src/adapters/inboxStore';
import { buildPreferencesStore } from '../src/adapters/preferencesStore';
import { type AlertSourceEvent, notificationIdOf } from '../src/domain/alert';
import { deliverAlert } from '../src/functions/deliverAlert/deliverAlert';
import { NOTIFICATIONS_EVENTS } from '../src/publishedEvents';
import { anomalyData, busEvent, freshNotificationsTable, thresholdData } from './support';

// deliverAlert writes NotificationDelivered outbox records into the notifications table; here the table's real
// stream (DynamoDB Local) feeds the relay, as the event source mapping of relayOutbox does when deployed.
let table: Awaited<ReturnType<typeof freshNotificationsTable>>;
let stream: StreamReader;

/** Stands in for the bus: records every entry EventBridge accepted. */
class RecordingBus {
  readonly accepted: PutEventsRequestEntry[] = [];

  async send(command: PutEventsCommand): Promise<PutEventsCommandOutput> {
    const entries = command.input.Entries ?? [];
    this.accepted.push(...entries);
    return {
      FailedEntryCount: 0,
      Entries: entries.map((_, i) => ({ EventId: `eb-${this.accepted.length + i}` })),
      $metadata: {},
    };
  }
}

// The relay's filterPatterns in serverless.yml: inserts of outbox records (PK prefix OUTBOX#, type = Outbox).
const outboxInserts = (event: DynamoDBStreamEvent): DynamoDBStreamEvent => ({
  Records: event.Records.filter(
    (r: DynamoDBRecord) =>
      r.eventName === 'INSERT' &&
      r.dynamodb?.NewImage?.PK?.S?.startsWith('OUTBOX#') === true &&
      r.dynamodb?.NewImage?.type?.S === 'Outbox',
  ),
});

const relayWith = (bus: RecordingBus) => {
  const outbox = buildOutboxStore(table.documentClient, { tableName: table.tableName });
  return relayOutbox({
    findPendingOutbox: outbox.findPendingOutbox,
    drainOutbox: outbox.drainOutbox,
    publish: buildEventPublisher(bus, {
      events: NOTIFICATIONS_EVENTS,
      busName: 'spendwise-test',
      maxAttempts: 2,
      baseDelayMs: 1,
    }).publish,
  });
};

const deliver = (body: ReturnType<typeof busEvent>) => {
  const inbox = buildInboxStore(table.documentClient, { tableName: table.tableName });
  return deliverAlert({
    ...inbox,
    findPreferences: buildPreferencesStore(table.documentClient, { tableName: table.tableName })
      .findPreferences,
    publishUserAlert: async () => {},
    now: () => new Date(),
  })({ detailType: body['detail-type'], detail: body.detail } as unknown as AlertSourceEvent);
};

beforeAll(async () => {
  table = await freshNotificationsTable();
  stream = new StreamReader(table.client, table.tableName);
});

afterAll(() => {
  stream.destroy();
  table.client.destroy();
});

describe('the notifications outbox relay on the real DynamoDB stream', () => {
  it('publishes one NotificationDelivered per inbox item, however often the alert arrives, and drains the outbox', async () => {
    const threshold = busEvent('BudgetThresholdReached', thresholdData(80), { userId: 'relayed' });
    const anomaly = busEvent('SpendingAnomalyDetected', anomalyData(), { userId: 'relayed' });
    for (const event of [threshold, anomaly, threshold, anomaly]) await deliver(event);

    const all = await stream.next();
    const records = outboxInserts(all);
    const bus = new RecordingBus();
    const first = await relayWith(bus)(records);
    const redelivered = await relayWith(bus)(records);

    // Inbox items, the unread counter and publish marks are on the stream too, but not for the relay.
    expect(all.Records.length).toBeGreaterThan(records.Records.length);
    expect(records.Records).toHaveLength(2);
    expect(first.batchItemFailures).toEqual([]);
    expect(redelivered.batchItemFailures).toEqual([]);
    expect(bus.accepted.map((e) => [e.Source, e.DetailType])).toEqual([
      ['spendwise.notifications', 'NotificationDelivered'],
      ['spendwise.notifications', 'NotificationDelivered'],
    ]);
    const details = bus.accepted.map((e) => JSON.parse(String(e.Detail)));
    for (const detail of details) expect(validateNotificationDeliveredV1(detail)).toBe(true);
    expect(details.map((d) => d.data.notificationId).sort()).toEqual(
      [threshold, anomaly].map((e) => notificationIdOf(e.detail.metadata.eventId)).sort(),
    );
    expect((await table.allItems()).filter((item) => item.type === 'Outbox')).toEqual([]);

    // The drain's REMOVE records reach the stream as well; the filter keeps them from the relay.
    expect(outboxInserts(await stream.next()).Records).toEqual([]);
  });
});
