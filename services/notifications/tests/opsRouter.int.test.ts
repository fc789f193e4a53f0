import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { lambdaContext, sqsEvent } from '@spendwise/lambda-kit/testing';
import { testCalendar } from '@spendwise/test-kit';
import type { SQSBatchResponse } from 'aws-lambda';
import { buildOpsAlertsTopic } from '../src/adapters/opsAlertsTopic';
import { buildOpsDedupStore } from '../src/adapters/opsDedupStore';
import { routeOpsAlertHandler } from '../src/functions/routeOpsAlert/routeOpsAlert';
import { type LocalSns, startLocalSns } from './localSns';
import { busEvent, freshNotificationsTable } from './support';

// The ops router over DynamoDB Local (the de-duplication markers) and the local cloud's SNS engine (the
// ops-alerts topic, with a recorded queue subscribed raw), with a clock the tests move.
let table: Awaited<ReturnType<typeof freshNotificationsTable>>;
let sns: LocalSns;
let route: ReturnType<typeof routeOpsAlertHandler>;
// The test's clock starts at the process clock's now and moves forward by minutes and seconds from there.
const start = Date.now();
const after = (minutes: number, seconds = 0) => new Date(start + (minutes * 60 + seconds) * 1000);
let clock = after(0);
const OPS_QUEUE = 'arn:aws:sqs:eu-west-1:000000000000:ops-inbox';
const WINDOW = 900;

beforeAll(async () => {
  [table, sns] = await Promise.all([freshNotificationsTable(), startLocalSns()]);
  const topicArn = sns.createTopic('spendwise-test-ops-alerts');
  sns.subscribeQueue(topicArn, OPS_QUEUE, { RawMessageDelivery: 'true' });
  route = routeOpsAlertHandler({
    ...buildOpsDedupStore(table.documentClient, { tableName: table.tableName }),
    ...buildOpsAlertsTopic(sns.client, { topicArn }),
    now: () => clock,
    windowSeconds: WINDOW,
    runbookBase: 'https://runbooks.example/spendwise/',
  });
});

afterAll(async () => {
  await sns.stop();
  table.client.destroy();
});

const alarm = (name: string, state = 'ALARM', time = clock.toISOString()) => ({
  AlarmName: name,
  AlarmDescription: `[critical] The alerts DLQ is not empty. Runbook docs/runbooks/notifications-alerts.md`,
  AWSAccountId: '000000000000',
  NewStateValue: state,
  NewStateReason: 'Threshold Crossed: 1 datapoint [2.0] was greater than the threshold (0.0).',
  StateChangeTime: time,
  Region: 'EU (Ireland)',
  AlarmArn: `arn:aws:cloudwatch:eu-west-1:000000000000:alarm:${name}`,
  OldStateValue: state === 'ALARM' ? 'OK' : 'ALARM',
});

const send = async (...bodies: unknown[]) =>
  (await route(
    sqsEvent(bodies.map((body) => ({ body, messageId: randomUUID() }))),
    lambdaContext(),
  )) as SQSBatchResponse;

const opsMessages = async (alarmName: string) => {
  await sns.sns.idle();
  return sns.sent
    .map((s) => ({ body: JSON.parse(s.message.body), attributes: s.message.attributes }))
    .filter((m) => m.body.details.alarmName === alarmName || m.body.details.reason === alarmName);
};

describe('routing alarms to ops-alerts', () => {
  it('publishes an alarm with its severity, cause and runbook link', async () => {
    await send(alarm('spendwise-test-a-dlq'));

    const [message] = await opsMessages('spendwise-test-a-dlq');
    expect(message?.body).toMatchObject({
      severity: 'critical',
      title: 'spendwise-test-a-dlq is in ALARM',
      runbook: 'https://runbooks.example/spendwise/docs/runbooks/notifications-alerts.md',
      source: 'cloudwatch-alarm',
    });
    expect(message?.attributes).toMatchObject({ severity: { DataType: 'String', StringValue: 'critical' } });
  });

  it('suppresses a repeat of the same cause within the window and sends it again after the window', async () => {
    clock = after(60);
    await send(alarm('spendwise-test-b-dlq'));

    clock = after(70);
    const repeat = await send(alarm('spendwise-test-b-dlq'));
    const withinWindow = await opsMessages('spendwise-test-b-dlq');
    clock = after(75, 1);
    await send(alarm('spendwise-test-b-dlq'));

    expect(repeat.batchItemFailures).toEqual([]);
    expect(withinWindow).toHaveLength(1);
    expect(await opsMessages('spendwise-test-b-dlq')).toHaveLength(2);
  });

  it('sends the return to OK as a separate, informational cause', async () => {
    clock = after(120);
    await send(alarm('spendwise-test-c-dlq'));

    clock = after(121);
    await send(alarm('spendwise-test-c-dlq', 'OK'));

    const messages = await opsMessages('spendwise-test-c-dlq');
    expect(messages.map((m) => m.body.severity)).toEqual(['critical', 'info']);
  });

  it('publishes again when the same alarm notification is redelivered (its own marker)', async () => {
    clock = after(180);
    const notification = alarm('spendwise-test-d-dlq');

    await send(notification);
    await send(notification);

    expect(await opsMessages('spendwise-test-d-dlq')).toHaveLength(2);
  });
});

describe('routing failure events', () => {
  it('alerts on a model fallback and ignores a report the model wrote', async () => {
    const data = { reportId: randomUUID(), month: testCalendar().monthsAgo(1), summary: 'October summary.' };
    const fallback = busEvent(
      'InsightReportReady',
      { ...data, source: 'fallback', fallbackReason: 'invalid-answer' },
      { userId: 'u1' },
    );
    const byModel = busEvent('InsightReportReady', { ...data, source: 'model' }, { userId: 'u1' });

    const response = await send(fallback, byModel);

    expect(response.batchItemFailures).toEqual([]);
    await sns.sns.idle();
    const fallbackAlerts = sns.sent
      .map((s) => JSON.parse(s.message.body))
      .filter((body) => body.details.reportId === data.reportId);
    expect(fallbackAlerts).toEqual([
      expect.objectContaining({
        severity: 'warning',
        title: 'Insight reports use the fallback: invalid-answer',
        runbook: 'https://runbooks.example/spendwise/docs/runbooks/insights-report-fallback.md',
      }),
    ]);
  });

  it('reports a message that is neither an alarm nor an event as a batch item failure', async () => {
    const response = (await route(
      sqsEvent([
        { body: { hello: 'world' }, messageId: 'junk' },
        { body: alarm('spendwise-test-e-dlq'), messageId: 'fine' },
      ]),
      lambdaContext(),
    )) as SQSBatchResponse;

    expect(response.batchItemFailures).toEqual([{ itemIdentifier: 'junk' }]);
    expect(await opsMessages('spendwise-test-e-dlq')).toHaveLength(1);
  });
});
