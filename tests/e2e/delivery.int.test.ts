/**
 * End to end over the local cloud: what the bus and the queues may do to events — deliver them twice, out of
 * order, or carry a poison message — never shows in a total, a threshold alert or an inbox item, and a poison
 * message ends in its dead-letter queue, whose alarm reaches the operators' ops-alerts topic.
 */
import { GetQueueUrlCommand, SendMessageBatchCommand } from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { BusEvent } from '../../packages/local-cloud/src/core/ports';
import { demoCalendar } from '../../scripts/demo/calendar';
import type { SpendwiseClient } from '../../scripts/demo/client';
import { waitFor } from '../../scripts/demo/client';
import { type BusEntry, expenseHistory, putOnBus } from './support/events';
import { type System, settled, startSystem, type TopicTap } from './support/system';

let system: System;
let opsAlerts: TopicTap;
const busEvents: BusEvent[] = [];
/**
 * Every date comes from the clock the system uses. Each test takes its month when it starts (a budget covers
 * the months from the one the server created it in, so a test with a budget takes its month from that), and
 * keeps it even if the month ends while it runs.
 */
const calendarNow = () => demoCalendar();
/** The calendar of the month the server created a budget in (from the PUT /budgets answer). */
const calendarOfBudget = (budget: { createdAt: string }) => demoCalendar(new Date(budget.createdAt));
/** Per test: long enough for a loaded 2-core CI running the whole suite (cold starts of several functions). */
const TEST_TIMEOUT_MS = 300_000;

beforeAll(async () => {
  system = await startSystem({ alarmTimeScale: 0.02, queueTimeScale: 0.02 });
  system.cloud.engines.events.onEvent((_bus, event) => busEvents.push(event));
  opsAlerts = await system.tapTopic('ops-alerts');
}, 900_000);

afterAll(() => system?.stop());

interface Summary {
  totals: Array<{ categoryId: string; currency: string; minorUnits: number; count: number }>;
}
interface Inbox {
  items: Array<{ id: string; type: string }>;
  unreadCount: number;
}

const summaryOf = (client: SpendwiseClient, month: string) =>
  client.expect<Summary>(200, 'insights', 'GET', `/insights/summary?month=${month}`);
const inboxOf = (client: SpendwiseClient) =>
  client.expect<Inbox>(200, 'notifications', 'GET', '/notifications?limit=50');

const eur = (minorUnits: number) => ({ minorUnits, currency: 'EUR' as const });

const ofUser = (userId: string) => (e: BusEvent) =>
  (e.detail as { metadata?: { userId?: string } }).metadata?.userId === userId;

const asEntry = (e: BusEvent): BusEntry => ({
  source: e.source,
  detailType: e['detail-type'],
  detail: e.detail as BusEntry['detail'],
});

describe('duplicates and reordering', () => {
  it(
    'counts nothing twice when every event of a user is delivered again, in reverse order',
    async () => {
      const { client, userId: user } = await system.user('e2e-twice');
      const budget = await client.expect<{ createdAt: string }>(
        [200, 201],
        'catalog',
        'PUT',
        '/budgets/groceries',
        {
          amount: eur(10000),
        },
      );
      const cal = calendarOfBudget(budget);
      for (const cents of [4000, 3000, 5000]) {
        await client.api.expenses.create({
          amount: eur(cents),
          date: cal.current(3),
          categoryId: 'groceries',
        });
      }
      await settled(system);
      const before = { summary: await summaryOf(client, cal.currentMonth), inbox: await inboxOf(client) };
      const thresholdsBefore = busEvents.filter(
        (e) => ofUser(user)(e) && e['detail-type'] === 'BudgetThresholdReached',
      ).length;

      const announced = () =>
        busEvents.filter((e) => ofUser(user)(e) && e['detail-type'] === 'NotificationDelivered').length;
      const announcedBefore = announced();
      const delivered = busEvents
        .filter(ofUser(user))
        .filter((e) => e['detail-type'] !== 'NotificationDelivered')
        .map(asEntry);
      await putOnBus(system.awsEndpoint, system.stage, [...delivered].reverse());
      await settled(system);

      const after = { summary: await summaryOf(client, cal.currentMonth), inbox: await inboxOf(client) };
      expect(before.inbox.items).toHaveLength(2);
      expect(announcedBefore).toBe(2);
      expect(before.summary.totals).toEqual([
        { categoryId: 'groceries', currency: 'EUR', minorUnits: 12000, count: 3 },
      ]);
      expect(after.summary.totals).toEqual(before.summary.totals);
      expect(after.inbox.items.map((i) => i.id).sort()).toEqual(before.inbox.items.map((i) => i.id).sort());
      expect(after.inbox.unreadCount).toBe(2);
      expect(announced()).toBe(2);
      expect(thresholdsBefore).toBe(2);
      expect(
        busEvents.filter((e) => ofUser(user)(e) && e['detail-type'] === 'BudgetThresholdReached'),
      ).toHaveLength(
        2 + 2, // the two originals, and the two this test put on the bus again; no new ones
      );
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'ends in the latest state whatever order an expense history arrives in',
    async () => {
      const { client, userId: user } = await system.user('e2e-order');
      const cal = calendarNow();
      const kept = expenseHistory(user, { amount: eur(1000), date: cal.current(4), categoryId: 'dining' }, [
        { amount: eur(2500) },
        { amount: eur(1800), categoryId: 'groceries' },
      ]);
      const gone = expenseHistory(
        user,
        { amount: eur(9900), date: cal.current(5), categoryId: 'dining' },
        [{ amount: eur(7700) }],
        true,
      );
      // newest first, then the rest, each twice
      const scrambled = [kept[2]!, gone[2]!, kept[0]!, gone[0]!, kept[1]!, gone[1]!];

      await putOnBus(system.awsEndpoint, system.stage, [...scrambled, ...scrambled]);
      await settled(system);

      const summary = await summaryOf(client, cal.currentMonth);
      expect(summary.totals).toEqual([
        { categoryId: 'groceries', currency: 'EUR', minorUnits: 1800, count: 1 },
      ]);
    },
    TEST_TIMEOUT_MS,
  );
});

describe('a poison message', () => {
  it(
    'goes to the dead-letter queue while its batch is processed, and the DLQ alarm reaches ops-alerts',
    async () => {
      const { client, userId: user } = await system.user('e2e-poison');
      const cal = calendarNow();
      const good = expenseHistory(
        user,
        { amount: eur(4200), date: cal.current(6), categoryId: 'travel' },
        [],
      );
      const { QueueUrl } = await system.sqs.send(
        new GetQueueUrlCommand({ QueueName: `spendwise-${system.stage}-insights-spending` }),
      );
      const asRuleWouldDeliver = (entry: BusEntry) =>
        JSON.stringify({
          version: '0',
          id: crypto.randomUUID(),
          'detail-type': entry.detailType,
          source: entry.source,
          account: '000000000000',
          time: new Date().toISOString(),
          region: 'eu-west-1',
          resources: [],
          detail: entry.detail,
        });

      await system.sqs.send(
        new SendMessageBatchCommand({
          QueueUrl,
          Entries: [
            { Id: 'poison', MessageBody: '{"detail-type":"ExpenseRecorded","detail":{"not":"an event"}}' },
            { Id: 'good', MessageBody: asRuleWouldDeliver(good[0]!) },
          ],
        }),
      );

      // The poison message is received and fails until its receive count sends it to the DLQ (visibility
      // timeouts shortened by queueTimeScale); settled() waits for that, as for the good message.
      await settled(system);

      const summary = await summaryOf(client, cal.currentMonth);
      expect(summary.totals).toEqual([{ categoryId: 'travel', currency: 'EUR', minorUnits: 4200, count: 1 }]);
      const dlq = system.cloud.engines.sqs
        .queues()
        .find((q) => q.name === `spendwise-${system.stage}-insights-spending-dlq`);
      expect(dlq?.visible).toBe(1);
      // The DLQ alarm acts on its own clock (evaluation periods, shortened by alarmTimeScale), which settled()
      // does not wait for: poll for it. 120 s leaves room for a loaded 2-core CI running the whole suite.
      const alert = await waitFor(
        'the DLQ alarm on ops-alerts',
        async () => {
          await opsAlerts.drain();
          return opsAlerts.messages.find((m) => JSON.stringify(m).includes('insights-spending-dlq'));
        },
        { timeoutMs: 120_000, intervalMs: 250 },
      );
      const text = JSON.stringify(alert);
      expect(text).toMatch(/critical|warning/);
      expect(text).toContain('docs/runbooks/');
    },
    TEST_TIMEOUT_MS,
  );
});
