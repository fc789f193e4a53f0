import { randomUUID } from 'node:crypto';
import { DeleteCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { validateNotificationDeliveredV1 } from '@spendwise/contracts';
import { lambdaContext, sqsEvent } from '@spendwise/lambda-kit/testing';
import type { SQSBatchResponse } from 'aws-lambda';
import { buildInboxStore } from '../src/adapters/inboxStore';
import { buildPreferencesStore } from '../src/adapters/preferencesStore';
import { buildUserAlertsTopic } from '../src/adapters/userAlertsTopic';
import { notificationIdOf } from '../src/domain/alert';
import { deliverAlertHandler } from '../src/functions/deliverAlert/deliverAlert';
import { listNotificationsHandler } from '../src/functions/listNotifications/listNotifications';
import { markAllNotificationsReadHandler } from '../src/functions/markAllNotificationsRead/markAllNotificationsRead';
import { markNotificationReadHandler } from '../src/functions/markNotificationRead/markNotificationRead';
import { call } from './api';
import { type LocalSns, startLocalSns } from './localSns';
import {
  anomalyData,
  busEvent,
  cal,
  freshIdempotencyTable,
  freshNotificationsTable,
  thresholdData,
} from './support';

// The alert consumer and the inbox API over DynamoDB Local (inbox and idempotency tables from the service's
// resources file) and the local cloud's SNS engine, with a queue subscribed to the user-alerts topic.
let table: Awaited<ReturnType<typeof freshNotificationsTable>>;
let idempotency: Awaited<ReturnType<typeof freshIdempotencyTable>>;
let sns: LocalSns;
let topicArn: string;
let inbox: ReturnType<typeof buildInboxStore>;
let consume: ReturnType<typeof deliverAlertHandler>;
const TOPIC_QUEUE = 'arn:aws:sqs:eu-west-1:000000000000:user-alerts-copy';
const now = () => new Date();

beforeAll(async () => {
  [table, idempotency, sns] = await Promise.all([
    freshNotificationsTable(),
    freshIdempotencyTable(),
    startLocalSns(),
  ]);
  topicArn = sns.createTopic('spendwise-test-user-alerts');
  sns.subscribeQueue(topicArn, TOPIC_QUEUE, { RawMessageDelivery: 'true' });
  inbox = buildInboxStore(table.documentClient, { tableName: table.tableName });
  const prefs = buildPreferencesStore(table.documentClient, { tableName: table.tableName });
  consume = deliverAlertHandler({
    ...inbox,
    findPreferences: prefs.findPreferences,
    publishUserAlert: buildUserAlertsTopic(sns.client, { topicArn }).publishUserAlert,
    now,
    idempotency: { tableName: idempotency.tableName, client: idempotency.client },
  });
});

afterAll(async () => {
  await sns.stop();
  table.client.destroy();
  idempotency.client.destroy();
});

const deliver = async (...bodies: unknown[]) =>
  (await consume(
    sqsEvent(bodies.map((body) => ({ body, messageId: randomUUID() }))),
    lambdaContext(),
  )) as SQSBatchResponse;

const list = (user: string, query: Record<string, string> = {}) =>
  call(listNotificationsHandler({ listInbox: inbox.listInbox }), {
    method: 'GET',
    path: '/notifications',
    user,
    query,
  });

const markRead = (user: string, id: string) =>
  call(markNotificationReadHandler({ markRead: inbox.markRead, now }), {
    method: 'POST',
    path: `/notifications/${id}/read`,
    user,
    pathParameters: { id },
  });

const publishedFor = async (user: string) => {
  await sns.sns.idle();
  return sns.sent.filter((s) => JSON.parse(s.message.body).userId === user);
};

describe('delivering alerts', () => {
  it('writes one inbox item, counts it once and publishes once when the same event arrives twice', async () => {
    const event = busEvent('BudgetThresholdReached', thresholdData(80), { userId: 'twice' });

    const first = await deliver(event);
    const second = await deliver(event, event);
    const listed = await list('twice');

    expect(first.batchItemFailures).toEqual([]);
    expect(second.batchItemFailures).toEqual([]);
    expect(listed.body.unreadCount).toBe(1);
    expect(listed.body.items).toHaveLength(1);
    expect(listed.body.items?.[0]).toMatchObject({
      id: notificationIdOf(event.detail.metadata.eventId),
      type: 'BudgetThresholdReached',
      severity: 'warning',
      read: false,
    });
    const published = await publishedFor('twice');
    expect(published).toHaveLength(1);
    expect(published[0]?.message.attributes).toMatchObject({
      userId: { DataType: 'String', StringValue: 'twice' },
      type: { DataType: 'String', StringValue: 'BudgetThresholdReached' },
      severity: { DataType: 'String', StringValue: 'warning' },
    });
  });

  it('still writes and publishes once when the idempotency record is gone (a redelivery hours later)', async () => {
    const event = busEvent('SpendingAnomalyDetected', anomalyData(), { userId: 'late-twice' });
    const withoutIdempotency = deliverAlertHandler({
      ...inbox,
      findPreferences: buildPreferencesStore(table.documentClient, { tableName: table.tableName })
        .findPreferences,
      publishUserAlert: buildUserAlertsTopic(sns.client, { topicArn }).publishUserAlert,
      now,
      idempotency: false,
    });

    await withoutIdempotency(sqsEvent([{ body: event }]), lambdaContext());
    await withoutIdempotency(sqsEvent([{ body: event }]), lambdaContext());

    expect((await list('late-twice')).body.unreadCount).toBe(1);
    expect(await publishedFor('late-twice')).toHaveLength(1);
  });

  // Without the idempotency layer, so each delivery reaches the inbox and the publish mark.
  const consumerPublishingWith = (
    publishUserAlert: Parameters<typeof deliverAlertHandler>[0]['publishUserAlert'],
  ) =>
    deliverAlertHandler({
      ...inbox,
      findPreferences: buildPreferencesStore(table.documentClient, { tableName: table.tableName })
        .findPreferences,
      publishUserAlert,
      now,
      idempotency: false,
    });

  it('publishes on the retry after a failed publish, marks it published beside the item, and never again', async () => {
    const event = busEvent('BudgetThresholdReached', thresholdData(100), { userId: 'publish-retry' });
    const topic = buildUserAlertsTopic(sns.client, { topicArn }).publishUserAlert;
    let failures = 1;
    const flaky = consumerPublishingWith(async (alert, channels) => {
      if (failures-- > 0) throw new Error('SNS is throttling');
      await topic(alert, channels);
    });
    const id = notificationIdOf(event.detail.metadata.eventId);
    const stored = async () => (await table.allItems()).filter((item) => String(item.SK).endsWith(id));

    const failed = (await flaky(sqsEvent([{ body: event }]), lambdaContext())) as SQSBatchResponse;
    const beforeRetry = await stored();
    await flaky(sqsEvent([{ body: event }]), lambdaContext());
    await flaky(sqsEvent([{ body: event }]), lambdaContext());

    expect(failed.batchItemFailures).toHaveLength(1);
    expect(beforeRetry.map((item) => item.SK)).toEqual([`NOTIFICATION#${id}`]);
    expect(await publishedFor('publish-retry')).toHaveLength(1);
    const after = await stored();
    const mark = after.find((item) => item.SK === `PUBLISHED#${id}`);
    expect(mark).toMatchObject({ PK: 'USER#publish-retry', kind: 'PublishMark' });
    expect(Number(mark?.expiresAt)).toBeGreaterThan(Date.now() / 1000 + 90 * 24 * 3600);
    // The inbox item itself is not rewritten by the mark (it sits in both local indexes with every attribute).
    expect(after.find((item) => item.SK === `NOTIFICATION#${id}`)).toEqual(beforeRetry[0]);
    expect((await list('publish-retry')).body.unreadCount).toBe(1);
  });

  it('reads an item that carries its own publishedAt (written before the publish mark) as published', async () => {
    const event = busEvent('SpendingAnomalyDetected', anomalyData(), { userId: 'legacy-published' });
    await deliver(event);
    const id = notificationIdOf(event.detail.metadata.eventId);
    const [item] = (await table.allItems()).filter((i) => i.SK === `NOTIFICATION#${id}`);
    await table.documentClient.send(
      new DeleteCommand({
        TableName: table.tableName,
        Key: { PK: 'USER#legacy-published', SK: `PUBLISHED#${id}` },
      }),
    );
    await table.documentClient.send(
      new PutCommand({ TableName: table.tableName, Item: { ...item, publishedAt: now().toISOString() } }),
    );

    await consumerPublishingWith(buildUserAlertsTopic(sns.client, { topicArn }).publishUserAlert)(
      sqsEvent([{ body: event }]),
      lambdaContext(),
    );

    expect(await publishedFor('legacy-published')).toHaveLength(1);
  });

  it('lists events that arrive out of order newest first, by when they happened', async () => {
    const older = busEvent('SpendingAnomalyDetected', anomalyData(), {
      userId: 'ordering',
      occurredAt: cal.at(-2 * 24 * 60),
    });
    const newer = busEvent('BudgetThresholdReached', thresholdData(100), {
      userId: 'ordering',
      occurredAt: cal.at(-1 * 24 * 60),
    });

    await deliver(newer);
    await deliver(older);
    await deliver(newer);
    const listed = await list('ordering');

    expect(listed.body.items?.map((item) => item.type)).toEqual([
      'BudgetThresholdReached',
      'SpendingAnomalyDetected',
    ]);
    expect(listed.body.unreadCount).toBe(2);
  });

  it('reports a poison message as a batch item failure and processes the rest of its batch', async () => {
    const good = busEvent('BudgetThresholdReached', thresholdData(100), { userId: 'poison' });
    const invalid = busEvent('BudgetThresholdReached', { threshold: 'lots' }, { userId: 'poison' });

    const response = (await consume(
      sqsEvent([
        { body: 'not json', messageId: 'bad-json' },
        { body: good, messageId: 'good' },
        { body: invalid, messageId: 'bad-schema' },
      ]),
      lambdaContext(),
    )) as SQSBatchResponse;

    expect(response.batchItemFailures.map((f) => f.itemIdentifier).sort()).toEqual([
      'bad-json',
      'bad-schema',
    ]);
    expect((await list('poison')).body.unreadCount).toBe(1);
  });
});

/** The NotificationDelivered outbox records of one user's alerts, as stored (before any relay drains them). */
const outboxOf = async (user: string) =>
  (await table.allItems())
    .filter((item) => item.type === 'Outbox')
    .filter((item) => JSON.parse(String(item.detail)).metadata.userId === user);

describe('announcing deliveries through the outbox', () => {
  it('writes exactly one schema-valid NotificationDelivered outbox record with a new inbox item', async () => {
    const event = busEvent('BudgetThresholdReached', thresholdData(100), { userId: 'announced' });

    await deliver(event);
    const records = await outboxOf('announced');

    expect(records).toHaveLength(1);
    const [record] = records;
    expect(record).toMatchObject({
      PK: `OUTBOX#${JSON.parse(String(record?.detail)).metadata.eventId}`,
      SK: 'OUTBOX',
      type: 'Outbox',
      source: 'spendwise.notifications',
      detailType: 'NotificationDelivered',
    });
    expect(record).not.toHaveProperty('kind');
    const detail = JSON.parse(String(record?.detail));
    expect(validateNotificationDeliveredV1(detail)).toBe(true);
    expect(detail.metadata).toMatchObject({
      userId: 'announced',
      correlationId: 'corr-1',
      causationId: event.detail.metadata.eventId,
    });
    expect(detail.data).toEqual({
      notificationId: notificationIdOf(event.detail.metadata.eventId),
      type: 'BudgetThresholdReached',
      severity: 'critical',
      channels: ['inbox', 'sns'],
    });
  });

  it('writes no second record for a redelivered event, with or without the idempotency record', async () => {
    const event = busEvent('SpendingAnomalyDetected', anomalyData(), { userId: 'announced-once' });
    const withoutIdempotency = deliverAlertHandler({
      ...inbox,
      findPreferences: buildPreferencesStore(table.documentClient, { tableName: table.tableName })
        .findPreferences,
      publishUserAlert: buildUserAlertsTopic(sns.client, { topicArn }).publishUserAlert,
      now,
      idempotency: false,
    });

    await deliver(event);
    await deliver(event, event);
    await withoutIdempotency(sqsEvent([{ body: event }]), lambdaContext());

    expect(await outboxOf('announced-once')).toHaveLength(1);
    expect((await list('announced-once')).body.unreadCount).toBe(1);
  });
});

describe('the inbox API', () => {
  it('lists a ready report with its summary in data, though the item keeps the summary only in its message', async () => {
    const summary =
      'You spent €1,234.56 in October, 8% less than in September. Groceries stayed within budget.';
    const data = {
      reportId: randomUUID(),
      month: cal.previousMonth,
      source: 'fallback',
      fallbackReason: 'model-unavailable',
      summary,
    };
    const event = busEvent('InsightReportReady', data, { userId: 'report-reader' });

    await deliver(event);
    const listed = await list('report-reader');
    const [stored] = (await table.allItems()).filter(
      (item) => item.PK === 'USER#report-reader' && item.kind === 'Notification',
    );

    expect(listed.body.items?.[0]?.data).toEqual(data);
    expect(listed.body.items?.[0]?.message).toContain(summary);
    expect(stored?.data).toEqual({
      reportId: data.reportId,
      month: data.month,
      source: 'fallback',
      fallbackReason: 'model-unavailable',
    });
  });

  it('decrements the unread count once when an item is marked read twice', async () => {
    await deliver(
      busEvent('BudgetThresholdReached', thresholdData(80), { userId: 'reader' }),
      busEvent('SpendingAnomalyDetected', anomalyData(), { userId: 'reader' }),
    );
    const [item] = (await list('reader')).body.items ?? [];

    const first = await markRead('reader', String(item?.id));
    const second = await markRead('reader', String(item?.id));
    const listed = await list('reader');
    const unread = await list('reader', { unread: 'true' });

    expect([first.status, second.status]).toEqual([204, 204]);
    expect(listed.body.unreadCount).toBe(1);
    expect(listed.body.items?.find((i) => i.id === item?.id)).toMatchObject({ read: true });
    expect(unread.body.items?.map((i) => i.id)).not.toContain(item?.id);
    expect(unread.body.items).toHaveLength(1);
  });

  it("answers 404 for another user's item and leaves it unread", async () => {
    await deliver(
      busEvent(
        'InsightReportFailed',
        { reportId: randomUUID(), month: cal.monthsAgo(2), reason: 'save-failed' },
        { userId: 'owner' },
      ),
    );
    const [item] = (await list('owner')).body.items ?? [];

    const answer = await markRead('intruder', String(item?.id));
    const intruderList = await list('intruder');

    expect(answer.status).toBe(404);
    expect(answer.headers['content-type']).toBe('application/problem+json');
    expect(answer.body.code).toBe('NOTIFICATION_NOT_FOUND');
    expect(intruderList.body).toMatchObject({ items: [], unreadCount: 0 });
    expect((await list('owner')).body.unreadCount).toBe(1);
  });

  it('pages with a cursor and refuses a cursor forged for another user', async () => {
    const events = [1, 2, 3].map((day) =>
      busEvent('SpendingAnomalyDetected', anomalyData(), {
        userId: 'pager',
        occurredAt: cal.at((day - 4) * 24 * 60),
      }),
    );
    await deliver(...events);

    const first = await list('pager', { limit: '2' });
    const second = await list('pager', { limit: '2', cursor: String(first.body.nextCursor) });
    const forged = await list('someone-else', { limit: '2', cursor: String(first.body.nextCursor) });

    expect(first.body.items).toHaveLength(2);
    expect(second.body.items).toHaveLength(1);
    expect(second.body.nextCursor).toBeUndefined();
    expect(forged.status).toBe(400);
    expect(forged.body.code).toBe('INVALID_CURSOR');
  });

  it("refuses a hand-made cursor for the caller's own inbox with 400 INVALID_CURSOR", async () => {
    const handMade = Buffer.from(
      JSON.stringify({
        PK: 'USER#hand-made',
        SK: 'NOTIFICATION#made-up',
        LSI1SK: cal.at(-60),
      }),
    ).toString('base64url');

    const answer = await list('hand-made', { limit: '2', cursor: handMade });

    expect(answer.status).toBe(400);
    expect(answer.body.code).toBe('INVALID_CURSOR');
  });

  it('marks every unread item read and brings the count to zero', async () => {
    await deliver(
      busEvent('BudgetThresholdReached', thresholdData(80), { userId: 'bulk' }),
      busEvent('BudgetThresholdReached', thresholdData(100), { userId: 'bulk' }),
    );

    const answer = await call(markAllNotificationsReadHandler({ markAllRead: inbox.markAllRead, now }), {
      method: 'POST',
      path: '/notifications/read-all',
      user: 'bulk',
    });

    expect(answer.body).toEqual({ marked: 2, more: false });
    expect((await list('bulk')).body.unreadCount).toBe(0);
  });
});
