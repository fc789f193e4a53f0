import { randomUUID } from 'node:crypto';
import { freshTable, testCalendar } from '@spendwise/test-kit';

/** Dates of the notifications tests, from the clock the handlers use; the alerts are about last month. */
export const cal = testCalendar();

const resources = new URL('../resources/table.yml', import.meta.url);

/** A fresh notifications table on the DynamoDB Local of this test run, from the service's own resources file. */
export const freshNotificationsTable = () => freshTable(resources, 'NotificationsTable');

/** A fresh Powertools idempotency table, as the service deploys it. */
export const freshIdempotencyTable = () => freshTable(resources, 'IdempotencyTable');

/** An insights event as EventBridge delivers it to a queue (the SQS body). */
export function busEvent(
  detailType: string,
  data: Record<string, unknown>,
  metadata: { userId: string; eventId?: string; occurredAt?: string },
) {
  return {
    version: '0',
    id: randomUUID(),
    source: 'spendwise.insights',
    'detail-type': detailType,
    account: '000000000000',
    time: metadata.occurredAt ?? new Date().toISOString(),
    region: 'eu-west-1',
    resources: [],
    detail: {
      metadata: {
        eventId: metadata.eventId ?? randomUUID(),
        eventVersion: 1,
        occurredAt: metadata.occurredAt ?? new Date().toISOString(),
        correlationId: 'corr-1',
        causationId: 'cause-1',
        userId: metadata.userId,
      },
      data,
    },
  };
}

export const thresholdData = (threshold: number) => ({
  categoryId: 'groceries',
  month: cal.previousMonth,
  threshold,
  budget: { minorUnits: 40000, currency: 'EUR' },
  spent: { minorUnits: 33150, currency: 'EUR' },
  budgetVersion: 1,
});

export const anomalyData = () => ({
  expenseId: randomUUID(),
  categoryId: 'dining',
  date: cal.dayOf(cal.previousMonth, 13),
  amount: { minorUnits: 48900, currency: 'EUR' },
  typicalAmount: { minorUnits: 4210, currency: 'EUR' },
  score: 9.42,
  historySize: 24,
});
