import { describe, expect, it } from '@jest/globals';
import {
  type AlarmNotification,
  type FailureEvent,
  isAlarmNotification,
  mayAlert,
  mayAlertOnAlarm,
  opsAlertFromAlarm,
  opsAlertFromEvent,
  opsSubject,
} from './opsAlert';

const BASE = 'https://github.com/spendwise/spendwise/blob/main/';

const alarm = (overrides: Partial<AlarmNotification> = {}): AlarmNotification => ({
  AlarmName: 'spendwise-dev-catalog-outbox-relay-dlq-not-empty',
  AlarmDescription:
    '[critical] Outbox records could not be relayed. Runbook docs/runbooks/catalog-outbox-relay-dlq.md',
  NewStateValue: 'ALARM',
  NewStateReason: 'Threshold Crossed: 1 datapoint [3.0] was greater than the threshold (0.0).',
  OldStateValue: 'OK',
  StateChangeTime: '2026-11-24T10:00:00.000+0000',
  AlarmArn:
    'arn:aws:cloudwatch:eu-west-1:123456789012:alarm:spendwise-dev-catalog-outbox-relay-dlq-not-empty',
  ...overrides,
});

const metadata = {
  eventId: 'b4c5d6e7-f809-4a1b-82c3-3c4d5e6f7081',
  eventVersion: 1 as const,
  occurredAt: '2026-11-14T09:30:00.000Z',
  correlationId: 'req-77',
  causationId: 'sfn-exec-3',
  userId: 'user-1',
};

describe('opsAlertFromAlarm', () => {
  it('takes severity, runbook and cause from the alarm', () => {
    const alert = opsAlertFromAlarm(alarm(), BASE);

    expect(alert).toMatchObject({
      severity: 'critical',
      title: 'spendwise-dev-catalog-outbox-relay-dlq-not-empty is in ALARM',
      cause: 'Threshold Crossed: 1 datapoint [3.0] was greater than the threshold (0.0).',
      runbook: 'https://github.com/spendwise/spendwise/blob/main/docs/runbooks/catalog-outbox-relay-dlq.md',
      source: 'cloudwatch-alarm',
      causeKey: 'alarm#spendwise-dev-catalog-outbox-relay-dlq-not-empty#ALARM',
    });
  });

  it.each([
    ['no severity tag', 'Something broke. Runbook docs/runbooks/x.md', 'warning'],
    ['an [info] tag', '[info] FYI. Runbook docs/runbooks/x.md', 'info'],
    ['an upper-case tag', '[WARNING] Careful. Runbook docs/runbooks/x.md', 'warning'],
    ['no description', null, 'warning'],
  ])('defaults sensibly with %s', (_name, description, severity) => {
    expect(opsAlertFromAlarm(alarm({ AlarmDescription: description }), BASE).severity).toBe(severity);
  });

  it('reports a return to OK as a resolved, informational alert with its own cause key', () => {
    const alert = opsAlertFromAlarm(alarm({ NewStateValue: 'OK', OldStateValue: 'ALARM' }), BASE);

    expect(alert).toMatchObject({
      severity: 'info',
      title: 'Resolved: spendwise-dev-catalog-outbox-relay-dlq-not-empty',
    });
    expect(alert.causeKey).toMatch(/#OK$/);
  });

  it.each([
    ['OK after INSUFFICIENT_DATA (a new alarm, nothing resolved)', 'OK', 'INSUFFICIENT_DATA', false],
    ['OK after ALARM', 'OK', 'ALARM', true],
    ['ALARM after INSUFFICIENT_DATA', 'ALARM', 'INSUFFICIENT_DATA', true],
    ['ALARM after OK', 'ALARM', 'OK', true],
    ['OK with no previous state given', 'OK', undefined, true],
  ])('tells operators about %s', (_name, newState, oldState, alerts) => {
    expect(mayAlertOnAlarm(alarm({ NewStateValue: newState, OldStateValue: oldState }))).toBe(alerts);
  });

  it('has no runbook link when the description names none', () => {
    expect(opsAlertFromAlarm(alarm({ AlarmDescription: '[warning] Hmm' }), BASE).runbook).toBeNull();
  });

  it('gives the same alert id to a redelivery and a new one to the next state change', () => {
    const first = opsAlertFromAlarm(alarm(), BASE);

    expect(opsAlertFromAlarm(alarm(), BASE).alertId).toBe(first.alertId);
    expect(
      opsAlertFromAlarm(alarm({ StateChangeTime: '2026-11-24T11:00:00.000+0000' }), BASE).alertId,
    ).not.toBe(first.alertId);
  });

  it('recognises alarm notifications and nothing else', () => {
    expect(isAlarmNotification(alarm())).toBe(true);
    expect(isAlarmNotification({ 'detail-type': 'InsightReportFailed' })).toBe(false);
    expect(isAlarmNotification('ALARM')).toBe(false);
  });
});

describe('opsAlertFromEvent', () => {
  const ready = (data: Record<string, unknown>) =>
    ({
      detailType: 'InsightReportReady',
      detail: { metadata, data: { reportId: 'r-1', month: '2026-10', summary: 's', ...data } },
    }) as FailureEvent;

  it('alerts on a failed report as critical, keyed by its reason', () => {
    const alert = opsAlertFromEvent(
      {
        detailType: 'InsightReportFailed',
        detail: {
          metadata,
          data: { reportId: 'r-1', month: '2026-10', reason: 'save-failed', message: 'gave up' },
        },
      },
      BASE,
    );

    expect(alert).toMatchObject({
      severity: 'critical',
      cause: 'gave up',
      causeKey: 'InsightReportFailed#save-failed',
      runbook: `${BASE}docs/runbooks/insights-report-workflow-failed.md`,
      alertId: metadata.eventId,
    });
  });

  it.each([
    ['model-unavailable', true],
    ['invalid-answer', true],
    ['not-enough-data', false],
  ])('alerts on a fallback report because of %s: %s', (fallbackReason, alerted) => {
    const alert = opsAlertFromEvent(ready({ source: 'fallback', fallbackReason }), BASE);

    expect(alert !== null).toBe(alerted);
  });

  it('ignores a report the model wrote', () => {
    expect(opsAlertFromEvent(ready({ source: 'model' }), BASE)).toBeNull();
  });
});

describe('the de-duplication window (mayAlert)', () => {
  const marker = { alertId: 'first', expiresAt: 1000 };

  it('lets the first alert of a cause through', () => {
    expect(mayAlert(undefined, 'first', 100)).toBe(true);
  });

  it('drops another alert of the cause within the window', () => {
    expect(mayAlert(marker, 'second', 999)).toBe(false);
  });

  it('lets it through once the window has passed, even if TTL has not deleted the marker yet', () => {
    expect(mayAlert(marker, 'second', 1000)).toBe(true);
  });

  it('lets the same alert through again (a redelivery after a failed publish)', () => {
    expect(mayAlert(marker, 'first', 999)).toBe(true);
  });
});

it('keeps SNS subjects to 100 printable characters', () => {
  const subject = opsSubject(opsAlertFromAlarm(alarm({ AlarmName: `x\n${'y'.repeat(200)}` }), BASE));

  expect(subject.length).toBe(100);
  expect(subject).not.toMatch(/[\n\r]/);
});
