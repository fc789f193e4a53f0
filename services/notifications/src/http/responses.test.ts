import { describe, expect, it } from '@jest/globals';
import { httpSchemaId, testCalendar, violationsOf } from '@spendwise/test-kit';
import { type AlertSourceEvent, alertFromEvent } from '../domain/alert';
import { defaultPreferences } from '../domain/preferences';
import { presentNotification, presentPreferences } from './present';

// The response schemas feed the OpenAPI documents: what the presenters really produce must conform to them.
const calendar = testCalendar();
const schema = (title: string) => httpSchemaId('notifications', title);
const event = {
  detailType: 'BudgetThresholdReached',
  detail: {
    metadata: {
      eventId: '1b2c3d4e-5f60-4a71-8b82-93a4b5c6d7e8',
      eventVersion: 1,
      occurredAt: calendar.now.toISOString(),
      correlationId: 'req-77',
      causationId: 'cause-1',
      userId: 'user-1',
    },
    data: {
      categoryId: 'dining',
      month: calendar.month,
      threshold: 80,
      budget: { minorUnits: 15000, currency: 'EUR' },
      spent: { minorUnits: 12500, currency: 'EUR' },
      budgetVersion: 3,
    },
  },
} as AlertSourceEvent;
const unread = { ...alertFromEvent(event), createdAt: calendar.at(1), readAt: null };
const read = { ...unread, readAt: calendar.at(2) };

describe('notifications responses', () => {
  it('an inbox page, read and unread items, conforms to NotificationPageResponse', () => {
    const page = { items: [unread, read].map(presentNotification), unreadCount: 1, nextCursor: 'abc' };

    expect(violationsOf(schema('NotificationPageResponse'), page)).toEqual([]);
  });

  it('preferences, default and saved with a new secret, conform to PreferencesResponse', () => {
    const saved = {
      ...defaultPreferences('user-1'),
      email: 'ann@example.com',
      webhookUrl: 'https://hooks.example.com/spendwise',
      version: 2,
      updatedAt: calendar.at(3),
    };

    expect(
      violationsOf(schema('PreferencesResponse'), presentPreferences(defaultPreferences('user-1'))),
    ).toEqual([]);
    expect(
      violationsOf(schema('PreferencesResponse'), { ...presentPreferences(saved), webhookSecret: 'whsec_1' }),
    ).toEqual([]);
  });

  it('mark-all-read conforms to MarkAllReadResponse', () => {
    expect(violationsOf(schema('MarkAllReadResponse'), { marked: 3, more: false })).toEqual([]);
  });

  it('refuses preferences that leak the stored secret field names', () => {
    expect(
      violationsOf(schema('PreferencesResponse'), {
        ...presentPreferences(defaultPreferences('u')),
        userId: 'u',
      }),
    ).toEqual(['/ must NOT have additional properties']);
  });
});
