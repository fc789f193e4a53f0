import { describe, expect, it } from '@jest/globals';
import { type EventEnvelope, validateNotificationDeliveredV1 } from '@spendwise/contracts';
import type { Alert, AlertSourceEvent } from '../../domain/alert';
import { defaultPreferences, type Preferences } from '../../domain/preferences';
import type { InboxItem } from '../../ports';
import { deliverAlert } from './deliverAlert';

const event: AlertSourceEvent = {
  detailType: 'BudgetThresholdReached',
  detail: {
    metadata: {
      eventId: '1b2c3d4e-5f60-4a71-8b82-93a4b5c6d7e8',
      eventVersion: 1 as const,
      occurredAt: '2026-11-14T09:30:00.000Z',
      correlationId: 'req-77',
      causationId: 'cause',
      userId: 'user-1',
    },
    data: {
      categoryId: 'groceries',
      month: '2026-11',
      threshold: 80,
      budget: { minorUnits: 40000, currency: 'EUR' },
      spent: { minorUnits: 33150, currency: 'EUR' },
      budgetVersion: 1,
    },
  },
};

/** An in-memory inbox with the adapter's rules: one item per id, published once marked. */
function fakes(prefs: Preferences = defaultPreferences('user-1'), failPublishes = 0) {
  const items = new Map<string, InboxItem>();
  const publishedAt = new Map<string, string>();
  const published: { alert: Alert; webhook: boolean }[] = [];
  const outbox: EventEnvelope[] = [];
  let failures = failPublishes;
  return {
    items,
    publishedAt,
    published,
    outbox,
    saveInboxItem: async (alert: Alert, now: Date, delivered: EventEnvelope) => {
      const existing = items.get(alert.notificationId);
      if (existing) return { created: false, publishedAt: publishedAt.get(alert.notificationId) ?? null };
      items.set(alert.notificationId, { ...alert, createdAt: now.toISOString(), readAt: null });
      outbox.push(delivered);
      return { created: true, publishedAt: null };
    },
    markPublished: async (_user: string, id: string, now: Date) => {
      publishedAt.set(id, now.toISOString());
    },
    findPreferences: async () => prefs,
    publishUserAlert: async (alert: Alert, channels: { webhook: boolean }) => {
      if (failures-- > 0) throw new Error('SNS is throttling');
      published.push({ alert, webhook: channels.webhook });
    },
    now: () => new Date('2026-11-14T09:31:00Z'),
  };
}

describe('deliverAlert', () => {
  it('writes the inbox item, then publishes it once', async () => {
    const deps = fakes();

    const result = await deliverAlert(deps)(event);

    expect(result.outcome).toBe('delivered');
    expect(deps.items.size).toBe(1);
    expect(deps.published).toHaveLength(1);
    expect(deps.published[0]?.alert).toMatchObject({ severity: 'warning', type: 'BudgetThresholdReached' });
  });

  it('does not publish a redelivered event again', async () => {
    const deps = fakes();

    await deliverAlert(deps)(event);
    const again = await deliverAlert(deps)(event);

    expect(again.outcome).toBe('duplicate');
    expect(deps.published).toHaveLength(1);
    expect(deps.outbox).toHaveLength(1);
  });

  it('hands the new inbox item a schema-valid NotificationDelivered event caused by the source event', async () => {
    const deps = fakes();

    const { notificationId } = await deliverAlert(deps)(event);

    expect(deps.outbox).toHaveLength(1);
    const [delivered] = deps.outbox;
    expect(delivered).toMatchObject({
      source: 'spendwise.notifications',
      detailType: 'NotificationDelivered',
    });
    expect(validateNotificationDeliveredV1(delivered?.detail)).toBe(true);
    expect(delivered?.detail).toMatchObject({
      metadata: {
        eventVersion: 1,
        occurredAt: '2026-11-14T09:31:00.000Z',
        userId: 'user-1',
        correlationId: 'req-77',
        causationId: event.detail.metadata.eventId,
      },
      data: {
        notificationId,
        type: 'BudgetThresholdReached',
        severity: 'warning',
        channels: ['inbox', 'sns'],
      },
    });
  });

  it('publishes on the retry after a failed publish, without a second inbox item', async () => {
    const deps = fakes(defaultPreferences('user-1'), 1);

    await expect(deliverAlert(deps)(event)).rejects.toThrow('SNS is throttling');
    const retry = await deliverAlert(deps)(event);

    expect(retry.outcome).toBe('published-after-retry');
    expect(deps.items.size).toBe(1);
    expect(deps.published).toHaveLength(1);
  });

  it('flags the alert for the webhook only when the user wants this type there', async () => {
    const withWebhook = { ...defaultPreferences('user-1'), webhookUrl: 'https://h.example.com/x' };
    const typeOff = { ...withWebhook, types: ['InsightReportReady' as const] };
    const [on, off] = [fakes(withWebhook), fakes(typeOff)];

    await deliverAlert(on)(event);
    await deliverAlert(off)(event);

    expect(on.published[0]?.webhook).toBe(true);
    expect(off.published[0]?.webhook).toBe(false);
    expect(off.items.size).toBe(1);
  });
});
