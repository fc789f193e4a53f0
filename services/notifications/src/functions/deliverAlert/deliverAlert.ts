import {
  BudgetThresholdReachedVersions,
  createEvent,
  InsightReportFailedVersions,
  InsightReportReadyVersions,
  NotificationDelivered,
  parseSqsRecord,
  SpendingAnomalyDetectedVersions,
  subscribe,
} from '@spendwise/contracts';
import { type IdempotencyOptions, type SqsEventConsumer, sqsEventConsumer } from '@spendwise/lambda-kit/sqs';
import { type Alert, type AlertSourceEvent, alertFromEvent } from '../../domain/alert';
import { wantsWebhook } from '../../domain/preferences';
import type { Clock, FindPreferences, MarkPublished, PublishUserAlert, SaveInboxItem } from '../../ports';

export type DeliveryOutcome = 'delivered' | 'published-after-retry' | 'duplicate';

export interface DeliverAlertDependencies {
  saveInboxItem: SaveInboxItem;
  markPublished: MarkPublished;
  findPreferences: FindPreferences;
  publishUserAlert: PublishUserAlert;
  now: Clock;
  /** Told about every handled event (metrics). */
  onOutcome?: (outcome: DeliveryOutcome) => void;
}

/**
 * The NotificationDelivered event of a new inbox item. `channels` says where the alert goes: the inbox (written
 * in the same transaction as this event's outbox record) and the user-alerts topic, which the alert is handed
 * to right after that transaction commits; a failed publish is retried until it succeeds (or the message is
 * dead-lettered and redriven), so "sns" means "queued for the topic" (docs/notifications-data-model.md).
 */
export const notificationDelivered = (alert: Alert, now: Date) =>
  createEvent(
    NotificationDelivered,
    {
      notificationId: alert.notificationId,
      type: alert.type,
      severity: alert.severity,
      channels: ['inbox', 'sns'],
    },
    { userId: alert.userId, correlationId: alert.correlationId, causationId: alert.sourceEventId },
    { occurredAt: now },
  );

/**
 * Turns an insights event into a user alert: the inbox item, its unread count and the NotificationDelivered
 * outbox record first (one transaction, conditional on the item's id, derived from the eventId, so a
 * redelivery writes nothing and announces nothing), then one publish to the user-alerts topic, then the mark
 * that it was published. A retry after a failed publish finds the item unpublished and publishes it; a crash
 * between publish and mark is the one case that publishes twice (at least once).
 */
export function deliverAlert(deps: DeliverAlertDependencies) {
  return async (event: AlertSourceEvent) => {
    const alert = alertFromEvent(event);
    const now = deps.now();
    const { created, publishedAt } = await deps.saveInboxItem(alert, now, notificationDelivered(alert, now));
    let outcome: DeliveryOutcome = created ? 'delivered' : 'published-after-retry';
    if (!created && publishedAt !== null) {
      outcome = 'duplicate';
    } else {
      const prefs = await deps.findPreferences(alert.userId);
      await deps.publishUserAlert(alert, { webhook: wantsWebhook(prefs, alert.type) });
      await deps.markPublished(alert.userId, alert.notificationId, deps.now());
    }
    deps.onOutcome?.(outcome);
    return { notificationId: alert.notificationId, outcome };
  };
}

/** The insights events that become user alerts (every alert type), with their validators. */
const ALERT_EVENTS = subscribe(
  BudgetThresholdReachedVersions,
  SpendingAnomalyDetectedVersions,
  InsightReportReadyVersions,
  InsightReportFailedVersions,
);

/** The SQS consumer of the alerts queue: partial batch failures, poison messages, idempotency on eventId. */
export const deliverAlertHandler = (
  deps: DeliverAlertDependencies & { idempotency: IdempotencyOptions | false },
): SqsEventConsumer =>
  sqsEventConsumer({
    parse: (record) =>
      parseSqsRecord(record, ALERT_EVENTS) as AlertSourceEvent & ReturnType<typeof parseSqsRecord>,
    handle: deliverAlert(deps),
    idempotency: deps.idempotency,
  });
