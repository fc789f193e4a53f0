import { createHash } from 'node:crypto';
import {
  type AlertType,
  type BudgetThresholdReachedV1,
  formatMoney,
  type InsightReportFailedV1,
  type InsightReportReadyV1,
  type Severity,
  type SpendingAnomalyDetectedV1,
} from '@spendwise/contracts';

/** Every alert type, in the order clients show them in preferences. */
export const ALERT_TYPES: readonly AlertType[] = [
  'BudgetThresholdReached',
  'SpendingAnomalyDetected',
  'InsightReportReady',
  'InsightReportFailed',
];

/** The insights events that become user alerts, as the consumer receives them. */
export type AlertSourceEvent =
  | { detailType: 'BudgetThresholdReached'; detail: BudgetThresholdReachedV1 }
  | { detailType: 'SpendingAnomalyDetected'; detail: SpendingAnomalyDetectedV1 }
  | { detailType: 'InsightReportReady'; detail: InsightReportReadyV1 }
  | { detailType: 'InsightReportFailed'; detail: InsightReportFailedV1 };

/** One alert for one user: what the inbox stores and what the user-alerts topic carries. */
export interface Alert {
  notificationId: string;
  userId: string;
  type: AlertType;
  severity: Severity;
  title: string;
  message: string;
  /** When the insight happened (the source event's occurredAt): the inbox is ordered by it. */
  occurredAt: string;
  sourceEventId: string;
  correlationId: string;
  /** The source event's data, for clients that render their own text. */
  data: Record<string, unknown>;
}

// A fixed namespace so notification ids are a pure function of the source event id (RFC 4122 name-based v5).
const NOTIFICATION_NAMESPACE = Buffer.from('5b0d6a52c1e44c8f9d6f2a7e3b1c0d9e', 'hex');

/**
 * The inbox item id of an event: a name-based UUID of its eventId, so every redelivery of the event names the
 * same item and the conditional put writes nothing new.
 */
export function notificationIdOf(eventId: string): string {
  const hash = createHash('sha1').update(NOTIFICATION_NAMESPACE).update(eventId).digest();
  hash[6] = ((hash[6] ?? 0) & 0x0f) | 0x50;
  hash[8] = ((hash[8] ?? 0) & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** 100 % or more of a budget is critical, 80 % or more a warning, an earlier threshold informational. */
export function thresholdSeverity(threshold: number): Severity {
  if (threshold >= 100) return 'critical';
  if (threshold >= 80) return 'warning';
  return 'info';
}

/** How urgent each alert is (docs/notifications-data-model.md, "Severity"). */
export function severityOf(event: AlertSourceEvent): Severity {
  switch (event.detailType) {
    case 'BudgetThresholdReached':
      return thresholdSeverity(event.detail.data.threshold);
    case 'SpendingAnomalyDetected':
      return 'warning';
    case 'InsightReportReady':
      return 'info';
    case 'InsightReportFailed':
      return 'warning';
  }
}

/** Follows a fallback report's summary in its alert message. */
const FALLBACK_REPORT_NOTE = ' (a short summary: the detailed analysis was unavailable)';

function texts(event: AlertSourceEvent): { title: string; message: string } {
  switch (event.detailType) {
    case 'BudgetThresholdReached': {
      const { categoryId, month, threshold, budget, spent } = event.detail.data;
      const reached = threshold >= 100 ? 'Budget exceeded' : `${threshold}% of budget reached`;
      return {
        title: `${reached}: ${categoryId}`,
        message: `You have spent ${formatMoney(spent)} of your ${formatMoney(budget)} ${categoryId} budget for ${month} (${threshold}% threshold).`,
      };
    }
    case 'SpendingAnomalyDetected': {
      const { categoryId, date, amount, typicalAmount } = event.detail.data;
      return {
        title: `Unusual expense in ${categoryId}`,
        message: `An expense of ${formatMoney(amount)} on ${date} is well above your usual ${formatMoney(typicalAmount)} in ${categoryId}.`,
      };
    }
    case 'InsightReportReady': {
      const { month, summary, source } = event.detail.data;
      const note = source === 'fallback' ? FALLBACK_REPORT_NOTE : '';
      return { title: `Your ${month} spending report is ready`, message: `${summary}${note}` };
    }
    case 'InsightReportFailed':
      return {
        title: `Your ${event.detail.data.month} spending report could not be produced`,
        message: 'We could not prepare this report. You can request it again later.',
      };
  }
}

/** Builds the user alert that an insights event announces. Pure: same event, same alert. */
export function alertFromEvent(event: AlertSourceEvent): Alert {
  const { metadata, data } = event.detail;
  return {
    notificationId: notificationIdOf(metadata.eventId),
    userId: metadata.userId,
    type: event.detailType,
    severity: severityOf(event),
    ...texts(event),
    occurredAt: metadata.occurredAt,
    sourceEventId: metadata.eventId,
    correlationId: metadata.correlationId,
    data: { ...data },
  };
}

/** The JSON a machine receives for an alert (webhook body, SQS subscribers): no internal fields. */
export function alertPayload(alert: Alert) {
  return {
    id: alert.notificationId,
    type: alert.type,
    severity: alert.severity,
    title: alert.title,
    message: alert.message,
    occurredAt: alert.occurredAt,
    data: alert.data,
  };
}

/**
 * The `data` an inbox item stores. A ready report's summary (up to 2,000 characters) is already the alert's
 * message, so the item keeps it once: the inbox item sits in two local indexes with every attribute, and each
 * byte is written three times, twice over in the delivery's transaction (docs/notifications-data-model.md).
 */
export function storedAlertData(alert: Pick<Alert, 'type' | 'data'>): Record<string, unknown> {
  if (alert.type !== 'InsightReportReady' || typeof alert.data.summary !== 'string') return alert.data;
  const { summary: _inMessage, ...rest } = alert.data;
  return rest;
}

/** The alert's `data` from its stored form (`storedAlertData`): a ready report's summary comes back from the message. */
export function alertDataFromStored(
  stored: Pick<Alert, 'type' | 'message' | 'data'>,
): Record<string, unknown> {
  if (stored.type !== 'InsightReportReady' || typeof stored.data !== 'object' || 'summary' in stored.data)
    return stored.data;
  const { message } = stored;
  const summary =
    stored.data.source === 'fallback' && message.endsWith(FALLBACK_REPORT_NOTE)
      ? message.slice(0, -FALLBACK_REPORT_NOTE.length)
      : message;
  return { ...stored.data, summary };
}
