import {
  InsightReportFailedVersions,
  InsightReportReadyVersions,
  parseEvent,
  subscribe,
} from '@spendwise/contracts';
import { type SqsEventConsumer, sqsEventConsumer } from '@spendwise/lambda-kit/sqs';
import type { SQSRecord } from 'aws-lambda';
import {
  alarmChangeId,
  type FailureEvent,
  isAlarmNotification,
  mayAlertOnAlarm,
  type OpsAlert,
  opsAlertFromAlarm,
  opsAlertFromEvent,
} from '../../domain/opsAlert';
import type { ClaimOpsCause, Clock, PublishOpsAlert } from '../../ports';

const FAILURE_EVENTS = subscribe(InsightReportFailedVersions, InsightReportReadyVersions);

/** A record of the ops queue, read into the alert it raises (null: nothing operators need to hear). */
export interface OpsSignal {
  detail: { metadata: { eventId: string; correlationId?: string } };
  alert: OpsAlert | null;
}

export type OpsOutcome = 'sent' | 'suppressed' | 'ignored';

export interface RouteOpsAlertDependencies {
  claimOpsCause: ClaimOpsCause;
  publishOpsAlert: PublishOpsAlert;
  now: Clock;
  windowSeconds: number;
  runbookBase: string;
  /** Told about every handled record (metrics and logs). */
  onOutcome?: (outcome: OpsOutcome, alert: OpsAlert | null) => void;
}

/** SNS wraps the message in a notification envelope unless the subscription delivers raw: accept both. */
function unwrapSns(body: unknown): unknown {
  const envelope = body as { Type?: unknown; Message?: unknown };
  if (envelope?.Type === 'Notification' && typeof envelope.Message === 'string')
    return JSON.parse(envelope.Message);
  return body;
}

/**
 * Reads an ops-queue record: a CloudWatch alarm notification (from the alarms topic) or an insights failure
 * event (from the bus rule). Anything else throws, and the consumer stack reports it as poison.
 */
export function parseOpsRecord(runbookBase: string) {
  return (record: Pick<SQSRecord, 'body' | 'messageId'>): OpsSignal => {
    const body = unwrapSns(JSON.parse(record.body));
    if (isAlarmNotification(body)) {
      const alert = mayAlertOnAlarm(body) ? opsAlertFromAlarm(body, runbookBase) : null;
      return { detail: { metadata: { eventId: alarmChangeId(body) } }, alert };
    }
    const event = parseEvent(body, FAILURE_EVENTS) as unknown as FailureEvent;
    const { eventId, correlationId } = event.detail.metadata;
    return { detail: { metadata: { eventId, correlationId } }, alert: opsAlertFromEvent(event, runbookBase) };
  };
}

/**
 * Sends an ops alert unless the same cause was alerted within the window: the marker is claimed first, then the
 * alert published. A failed publish throws, and the redelivery (same alert id) may claim its own marker again,
 * so an alert is never lost to its own de-duplication.
 */
export function routeOpsAlert(deps: RouteOpsAlertDependencies) {
  return async ({ alert }: OpsSignal) => {
    let outcome: OpsOutcome = 'ignored';
    if (alert) {
      const claimed = await deps.claimOpsCause(alert, deps.now(), deps.windowSeconds);
      if (claimed) await deps.publishOpsAlert(alert);
      outcome = claimed ? 'sent' : 'suppressed';
    }
    deps.onOutcome?.(outcome, alert);
    return { outcome };
  };
}

/** The SQS consumer of the ops queue; de-duplication is by cause (the marker), not by Powertools idempotency. */
export const routeOpsAlertHandler = (deps: RouteOpsAlertDependencies): SqsEventConsumer =>
  sqsEventConsumer({
    parse: parseOpsRecord(deps.runbookBase),
    handle: routeOpsAlert(deps),
    idempotency: false,
  });
