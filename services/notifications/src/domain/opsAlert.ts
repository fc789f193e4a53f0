import { createHash } from 'node:crypto';
import type { InsightReportFailedV1, InsightReportReadyV1, Severity } from '@spendwise/contracts';

/** What operators receive on the ops-alerts topic, whatever raised it. */
export interface OpsAlert {
  severity: Severity;
  title: string;
  cause: string;
  /** Full link to the runbook, or null when the alarm names none. */
  runbook: string | null;
  source: string;
  details: Record<string, unknown>;
  /** Repeats of the same cause within the window are suppressed. */
  causeKey: string;
  /** Identifies this one notification (a redelivery has the same id and is not a repeat). */
  alertId: string;
}

/** A CloudWatch alarm state-change notification, as CloudWatch publishes it to SNS. */
export interface AlarmNotification {
  AlarmName: string;
  AlarmDescription?: string | null;
  AWSAccountId?: string;
  AlarmArn?: string;
  NewStateValue: string;
  NewStateReason?: string;
  OldStateValue?: string;
  StateChangeTime?: string;
  Region?: string;
}

/** The insights failure events operators hear about. */
export type FailureEvent =
  | { detailType: 'InsightReportFailed'; detail: InsightReportFailedV1 }
  | { detailType: 'InsightReportReady'; detail: InsightReportReadyV1 };

/** Runbooks of the insights failure events (kept with the report workflow's other runbooks). */
export const REPORT_FAILED_RUNBOOK = 'docs/runbooks/insights-report-workflow-failed.md';
export const REPORT_FALLBACK_RUNBOOK = 'docs/runbooks/insights-report-fallback.md';

/** Fallback reasons that mean the model is misbehaving (not enough data is a normal outcome). */
const OPS_FALLBACK_REASONS = new Set(['model-unavailable', 'invalid-answer']);

const SEVERITY_TAG = /^\s*\[(critical|warning|info)\]/i;
const RUNBOOK_PATH = /Runbook\s+(docs\/runbooks\/[A-Za-z0-9._/-]+\.md)/;

const hashOf = (...parts: string[]) =>
  createHash('sha256').update(parts.join('\n')).digest('hex').slice(0, 32);

/** Joins the configured base URL and a repository path without doubling or losing the slash. */
export const runbookLink = (base: string, path: string) => `${base.replace(/\/+$/, '')}/${path}`;

/** Whether a parsed JSON value is a CloudWatch alarm notification. */
export function isAlarmNotification(value: unknown): value is AlarmNotification {
  if (typeof value !== 'object' || value === null) return false;
  const alarm = value as Record<string, unknown>;
  return typeof alarm.AlarmName === 'string' && typeof alarm.NewStateValue === 'string';
}

/**
 * Whether an alarm notification tells operators anything: not an `OK` that follows `INSUFFICIENT_DATA`, which is
 * a new alarm's first evaluation (every alarm of a stack, on its first deploy) or data coming back, with nothing
 * resolved. Every Spendwise alarm treats missing data as not breaching, so it never returns to
 * `INSUFFICIENT_DATA` from `ALARM`: an `ALARM` always ends with an `OK` from `ALARM`.
 */
export function mayAlertOnAlarm(alarm: AlarmNotification): boolean {
  return !(alarm.NewStateValue === 'OK' && alarm.OldStateValue === 'INSUFFICIENT_DATA');
}

/** One alarm state change's id: the same for a redelivery, new for the next change. */
export const alarmChangeId = (alarm: AlarmNotification): string =>
  hashOf(alarm.AlarmArn ?? alarm.AlarmName, alarm.NewStateValue, alarm.StateChangeTime ?? '');

/**
 * Turns an alarm notification into an ops alert: severity from a leading `[critical]`, `[warning]` or `[info]`
 * in the description (warning when absent), `info` for a return to OK; the runbook from its
 * `Runbook docs/runbooks/<file>.md`.
 */
export function opsAlertFromAlarm(alarm: AlarmNotification, runbookBase: string): OpsAlert {
  const description = alarm.AlarmDescription ?? '';
  const resolved = alarm.NewStateValue !== 'ALARM';
  const tagged = SEVERITY_TAG.exec(description)?.[1]?.toLowerCase() as Severity | undefined;
  const runbookPath = RUNBOOK_PATH.exec(description)?.[1];
  const stateChangeTime = alarm.StateChangeTime ?? '';
  return {
    severity: resolved ? 'info' : (tagged ?? 'warning'),
    title: resolved ? `Resolved: ${alarm.AlarmName}` : `${alarm.AlarmName} is in ALARM`,
    cause: alarm.NewStateReason ?? description.replace(SEVERITY_TAG, '').trim(),
    runbook: runbookPath ? runbookLink(runbookBase, runbookPath) : null,
    source: 'cloudwatch-alarm',
    details: {
      alarmName: alarm.AlarmName,
      ...(alarm.AlarmArn ? { alarmArn: alarm.AlarmArn } : {}),
      newState: alarm.NewStateValue,
      ...(alarm.OldStateValue ? { oldState: alarm.OldStateValue } : {}),
      ...(stateChangeTime ? { stateChangeTime } : {}),
      ...(alarm.Region ? { region: alarm.Region } : {}),
      description,
    },
    causeKey: `alarm#${alarm.AlarmName}#${alarm.NewStateValue}`,
    alertId: alarmChangeId(alarm),
  };
}

/** The ops alert of an insights failure event, or null for an event operators need not hear about. */
export function opsAlertFromEvent(event: FailureEvent, runbookBase: string): OpsAlert | null {
  const { metadata } = event.detail;
  const common = { source: 'spendwise.insights', alertId: metadata.eventId };
  if (event.detailType === 'InsightReportFailed') {
    const { reason, reportId, month, message } = event.detail.data;
    return {
      ...common,
      runbook: runbookLink(runbookBase, REPORT_FAILED_RUNBOOK),
      severity: 'critical',
      title: `Insight report failed: ${reason}`,
      cause: message ?? reason,
      details: { detailType: event.detailType, reportId, month, reason, eventId: metadata.eventId },
      causeKey: `InsightReportFailed#${reason}`,
    };
  }
  const { source, fallbackReason, reportId, month } = event.detail.data;
  if (source !== 'fallback' || !fallbackReason || !OPS_FALLBACK_REASONS.has(fallbackReason)) return null;
  return {
    ...common,
    runbook: runbookLink(runbookBase, REPORT_FALLBACK_RUNBOOK),
    severity: 'warning',
    title: `Insight reports use the fallback: ${fallbackReason}`,
    cause: `A report was written by the deterministic fallback because of ${fallbackReason}`,
    details: { detailType: event.detailType, reportId, month, fallbackReason, eventId: metadata.eventId },
    causeKey: `InsightReportFallback#${fallbackReason}`,
  };
}

/** The marker that remembers the last alert sent for a cause. */
export interface OpsDedupMarker {
  alertId: string;
  /** Unix seconds after which the cause may be alerted again. */
  expiresAt: number;
}

/**
 * Whether an alert may be sent: its cause was not alerted within the window, or the marker is its own (a
 * redelivery after a failed publish must publish, or the alert would be lost).
 */
export function mayAlert(marker: OpsDedupMarker | undefined, alertId: string, nowSeconds: number): boolean {
  return marker === undefined || marker.expiresAt <= nowSeconds || marker.alertId === alertId;
}

/** The SNS subject of an ops alert (SNS allows 100 printable characters, no line breaks). */
export const opsSubject = (alert: OpsAlert) =>
  `[${alert.severity}] ${alert.title}`.replace(/[^\x20-\x7e]/g, ' ').slice(0, 100);

/** The e-mail text of an ops alert. */
export function opsText(alert: OpsAlert): string {
  return [
    `Severity: ${alert.severity}`,
    `Source: ${alert.source}`,
    `Cause: ${alert.cause}`,
    `Runbook: ${alert.runbook ?? 'none given'}`,
    '',
    JSON.stringify(alert.details, null, 2),
  ].join('\n');
}
