import { describe, expect, it } from '@jest/globals';
import { lambdaContext, sqsEvent } from '@spendwise/lambda-kit/testing';
import type { SQSBatchResponse } from 'aws-lambda';
import { mayAlert, type OpsAlert, type OpsDedupMarker } from '../../domain/opsAlert';
import { routeOpsAlertHandler } from './routeOpsAlert';

const WINDOW = 900;

/** The router with an in-memory marker store that applies the same rule as the DynamoDB condition. */
function router(clock: { now: Date }) {
  const markers = new Map<string, OpsDedupMarker>();
  const sent: OpsAlert[] = [];
  const handler = routeOpsAlertHandler({
    claimOpsCause: async (alert, now, windowSeconds) => {
      const seconds = Math.floor(now.getTime() / 1000);
      if (!mayAlert(markers.get(alert.causeKey), alert.alertId, seconds)) return false;
      markers.set(alert.causeKey, { alertId: alert.alertId, expiresAt: seconds + windowSeconds });
      return true;
    },
    publishOpsAlert: async (alert) => {
      sent.push(alert);
    },
    now: () => clock.now,
    windowSeconds: WINDOW,
    runbookBase: 'https://runbooks.example/',
  });
  return { sent, route: (body: unknown) => handler(sqsEvent([{ body }]), lambdaContext()) };
}

const alarmAt = (time: string) => ({
  AlarmName: 'spendwise-dev-expenses-api-5xx',
  AlarmDescription:
    '[warning] The expenses HTTP API answers with 5xx. Runbook docs/runbooks/expenses-api-errors.md',
  NewStateValue: 'ALARM',
  NewStateReason: 'Threshold Crossed',
  StateChangeTime: time,
});

describe('routeOpsAlert de-duplication', () => {
  it('drops a repeat within the window and sends it once the window has passed', async () => {
    const clock = { now: new Date('2026-11-24T10:00:00Z') };
    const { sent, route } = router(clock);

    await route(alarmAt('2026-11-24T10:00:00Z'));
    clock.now = new Date('2026-11-24T10:14:59Z');
    await route(alarmAt('2026-11-24T10:14:59Z'));
    clock.now = new Date('2026-11-24T10:15:00Z');
    await route(alarmAt('2026-11-24T10:15:00Z'));

    expect(sent.map((alert) => alert.details.stateChangeTime)).toEqual([
      '2026-11-24T10:00:00Z',
      '2026-11-24T10:15:00Z',
    ]);
  });

  it('accepts an alarm wrapped in an SNS notification envelope (raw delivery off)', async () => {
    const { sent, route } = router({ now: new Date('2026-11-24T10:00:00Z') });
    const envelope = { Type: 'Notification', Message: JSON.stringify(alarmAt('2026-11-24T10:00:00Z')) };

    const response = (await route(envelope)) as SQSBatchResponse;

    expect(response.batchItemFailures).toEqual([]);
    expect(sent).toHaveLength(1);
  });
});

describe('routeOpsAlert and alarm states', () => {
  it("sends nothing for a new alarm's first OK, and resolves an ALARM with the OK that follows it", async () => {
    const now = new Date();
    const at = (secondsLater: number) => new Date(now.getTime() + secondsLater * 1000).toISOString();
    const { sent, route } = router({ now });

    const first = (await route({
      ...alarmAt(at(0)),
      NewStateValue: 'OK',
      OldStateValue: 'INSUFFICIENT_DATA',
    })) as SQSBatchResponse;
    await route({ ...alarmAt(at(60)), OldStateValue: 'OK' });
    await route({ ...alarmAt(at(120)), NewStateValue: 'OK', OldStateValue: 'ALARM' });

    expect(first.batchItemFailures).toEqual([]);
    expect(sent.map((alert) => [alert.title, alert.details.stateChangeTime])).toEqual([
      ['spendwise-dev-expenses-api-5xx is in ALARM', at(60)],
      ['Resolved: spendwise-dev-expenses-api-5xx', at(120)],
    ]);
  });
});
