import { describe, expect, it } from '@jest/globals';
import {
  type AlertSourceEvent,
  alertDataFromStored,
  alertFromEvent,
  notificationIdOf,
  severityOf,
  storedAlertData,
  thresholdSeverity,
} from './alert';

const metadata = {
  eventId: '1b2c3d4e-5f60-4a71-8b82-93a4b5c6d7e8',
  eventVersion: 1 as const,
  occurredAt: '2026-11-14T09:30:00.000Z',
  correlationId: 'req-77',
  causationId: 'cause-1',
  userId: 'user-1',
};
const eur = (minorUnits: number) => ({ minorUnits, currency: 'EUR' });

const threshold = (value: number) =>
  ({
    detailType: 'BudgetThresholdReached',
    detail: {
      metadata,
      data: {
        categoryId: 'dining',
        month: '2026-10',
        threshold: value,
        budget: eur(15000),
        spent: eur(18990),
        budgetVersion: 3,
      },
    },
  }) as AlertSourceEvent;

const reportReady = (source: 'model' | 'fallback') =>
  ({
    detailType: 'InsightReportReady',
    detail: {
      metadata,
      data: {
        reportId: 'a3b4c5d6-e7f8-4091-a1b2-2b3c4d5e6f70',
        month: '2026-10',
        source,
        summary: 'October summary.',
      },
    },
  }) as AlertSourceEvent;

describe('severity', () => {
  it.each([
    [50, 'info'],
    [79, 'info'],
    [80, 'warning'],
    [99, 'warning'],
    [100, 'critical'],
    [150, 'critical'],
  ])('maps a %i%% budget threshold to %s', (value, severity) => {
    expect(thresholdSeverity(value)).toBe(severity);
  });

  it('rates anomalies and failed reports as warnings and ready reports as info', () => {
    const anomaly = {
      detailType: 'SpendingAnomalyDetected',
      detail: { metadata, data: {} },
    } as unknown as AlertSourceEvent;
    const failed = {
      detailType: 'InsightReportFailed',
      detail: { metadata, data: { reportId: 'r', month: '2026-10', reason: 'save-failed' } },
    } as AlertSourceEvent;

    expect([severityOf(anomaly), severityOf(failed), severityOf(reportReady('model'))]).toEqual([
      'warning',
      'warning',
      'info',
    ]);
  });
});

describe('alertFromEvent', () => {
  it('writes a readable budget message with money in major units', () => {
    const alert = alertFromEvent(threshold(100));

    expect(alert).toMatchObject({
      userId: 'user-1',
      type: 'BudgetThresholdReached',
      severity: 'critical',
      title: 'Budget exceeded: dining',
      message: 'You have spent €189.90 of your €150.00 dining budget for 2026-10 (100% threshold).',
      occurredAt: metadata.occurredAt,
      sourceEventId: metadata.eventId,
    });
  });

  it("writes an anomaly in the currency's own minor units", () => {
    const anomaly = {
      detailType: 'SpendingAnomalyDetected',
      detail: {
        metadata,
        data: {
          expenseId: 'e-1',
          categoryId: 'dining',
          date: '2026-10-13',
          amount: { minorUnits: 48_900, currency: 'JPY' },
          typicalAmount: { minorUnits: 4_210, currency: 'JPY' },
          score: 9.4,
          historySize: 24,
        },
      },
    } as AlertSourceEvent;

    expect(alertFromEvent(anomaly).message).toBe(
      'An expense of ¥48,900 on 2026-10-13 is well above your usual ¥4,210 in dining.',
    );
  });

  it('says when a report was written by the fallback', () => {
    expect(alertFromEvent(reportReady('fallback')).message).toContain('detailed analysis was unavailable');
    expect(alertFromEvent(reportReady('model')).message).toBe('October summary.');
  });

  it('derives the same notification id from the same event id, and a different one from another', () => {
    const id = notificationIdOf(metadata.eventId);

    expect(notificationIdOf(metadata.eventId)).toBe(id);
    expect(notificationIdOf('2c3d4e5f-6a7b-4c8d-9e0f-a1b2c3d4e5f6')).not.toBe(id);
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});

describe('the stored form of an alert', () => {
  const storedAndBack = (event: AlertSourceEvent) => {
    const alert = alertFromEvent(event);
    return {
      alert,
      stored: storedAlertData(alert),
      back: alertDataFromStored({ ...alert, data: storedAlertData(alert) }),
    };
  };

  it("keeps a ready report's summary once, in the message, and gives it back on read", () => {
    for (const source of ['model', 'fallback'] as const) {
      const { alert, stored, back } = storedAndBack(reportReady(source));

      expect(stored).not.toHaveProperty('summary');
      expect(back).toEqual(alert.data);
      expect(back.summary).toBe('October summary.');
    }
  });

  it('gives back a summary that itself ends like the fallback note, for a report the model wrote', () => {
    const event = reportReady('model');
    (event.detail.data as { summary: string }).summary =
      'Spent less (a short summary: the detailed analysis was unavailable)';

    expect(storedAndBack(event).back).toEqual(alertFromEvent(event).data);
  });

  it('stores every other alert type, and items written with the summary, as they are', () => {
    const budget = alertFromEvent(threshold(80));
    const report = alertFromEvent(reportReady('model'));

    expect(storedAlertData(budget)).toBe(budget.data);
    expect(alertDataFromStored(budget)).toBe(budget.data);
    expect(alertDataFromStored(report)).toBe(report.data);
  });
});
