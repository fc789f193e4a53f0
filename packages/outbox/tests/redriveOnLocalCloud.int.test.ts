/**
 * Recovering a stuck outbox on the whole system (the local cloud over the packaged templates): an expenses outbox
 * record the relay never saw raises the outbox age alarm; `pnpm ops:outbox-redrive` republishes it once, with its
 * original event id, and deletes it; the alarm clears.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { type System, startSystem, type TopicTap } from '../../../tests/e2e/support/system';
import { PUBLISHING_SERVICES, runOutboxRedrive } from '../src/cli/redriveCli';
import { outboxItem } from '../src/outboxItem';
import { expenseDeleted } from './events';

const rootDir = new URL('../../../', import.meta.url).pathname;
let system: System;
let dynamo: DynamoDBDocumentClient;
let alarmsTopic: TopicTap;
const onBus: { eventId: string; detailType: string }[] = [];

beforeAll(async () => {
  system = await startSystem({ alarmTimeScale: 0.02 });
  const { awsEndpoint, region } = system.cloud.endpoints;
  dynamo = DynamoDBDocumentClient.from(
    new DynamoDBClient({
      endpoint: awsEndpoint,
      region,
      credentials: { accessKeyId: 'l', secretAccessKey: 'l' },
    }),
  );
  alarmsTopic = await system.tapTopic('alarms');
  system.cloud.engines.events.onEvent((_bus, event) => {
    const detail = event.detail as { metadata?: { eventId?: string } };
    if (detail?.metadata?.eventId)
      onBus.push({ eventId: detail.metadata.eventId, detailType: event['detail-type'] });
  });
}, 240_000);

afterAll(async () => {
  dynamo?.destroy();
  await system?.stop();
});

const tableName = () => `spendwise-${system.stage}-expenses`;
const alarmName = () => `spendwise-${system.stage}-expenses-outbox-age`;

async function until<T>(
  what: string,
  check: () => Promise<T | undefined>,
  diagnose: () => unknown = () => '',
  timeoutMs = 30_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = await check();
    if (found !== undefined) return found;
    if (Date.now() > deadline)
      throw new Error(`Timed out waiting for ${what}: ${JSON.stringify(diagnose())}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** Runs the service's outbox monitor now (as its schedule does) and waits for the alarm to reach `state`. */
async function measureUntilAlarmIs(state: 'ALARM' | 'OK') {
  return until(
    `${alarmName()} to be ${state}`,
    async () => {
      await system.cloud.engines.scheduler.runNow(`rule:spendwise-${system.stage}-expenses-outbox-monitor`);
      const alarm = (await system.cloud.engines.alarms.evaluateNow()).find((a) => a.name === alarmName());
      return alarm?.state === state ? alarm : undefined;
    },
    () => ({
      alarm: system.cloud.engines.alarms.alarms().find((a) => a.name === alarmName())?.reason,
      oldestAgeLastMinute: system.cloud.ctx.metrics.statistic(
        { namespace: 'Spendwise', name: 'OutboxOldestRecordAge', dimensions: { service: 'expenses' } },
        'Maximum',
        new Date(Date.now() - 60_000),
        new Date(),
      ),
    }),
  );
}

const redrive = (...args: string[]) =>
  promisify(execFile)(
    process.execPath,
    ['--import', 'tsx', 'scripts/ops/outboxRedrive.ts', ...args, '--endpoint', system.awsEndpoint],
    { cwd: rootDir, env: { ...process.env, AWS_REGION: system.cloud.endpoints.region } },
  );

describe('the outbox age alarms', () => {
  it('exist for every publishing service, evaluable, notifying the alarms topic and linking an existing runbook', () => {
    const alarmsTopicArn = `arn:aws:sns:${system.cloud.endpoints.region}:${system.cloud.endpoints.accountId}:spendwise-${system.stage}-alarms`;
    for (const service of PUBLISHING_SERVICES) {
      const alarm = system.cloud.engines.alarms
        .alarms()
        .find((a) => a.name === `spendwise-${system.stage}-${service}-outbox-age`);

      expect(alarm?.definition).toMatchObject({ evaluable: true, alarmActions: [alarmsTopicArn] });
      const runbook = /Runbook (docs\/runbooks\/\S+\.md)/.exec(alarm?.definition.description ?? '')?.[1];
      expect(runbook).toBe(`docs/runbooks/${service}-outbox-relay-dlq.md`);
      expect(existsSync(join(rootDir, String(runbook)))).toBe(true);
    }
  });
});

describe('a stuck expenses outbox record', () => {
  it('raises the outbox age alarm, is republished once with its event id by ops:outbox-redrive, and is gone', async () => {
    // Written 20 minutes ago and never seen by the relay: its INSERT did not pass the relay's filter (a stream
    // record lost), and turning it into an outbox record afterwards is a MODIFY, which the filter drops too.
    const event = expenseDeleted('stuck-outbox-user');
    const { eventId } = event.detail.metadata;
    const item = outboxItem(event, new Date(Date.now() - 20 * 60_000));
    await dynamo.send(new PutCommand({ TableName: tableName(), Item: { ...item, type: 'OutboxDraft' } }));
    await dynamo.send(
      new UpdateCommand({
        TableName: tableName(),
        Key: { PK: item.PK, SK: item.SK },
        UpdateExpression: 'SET #type = :outbox',
        ExpressionAttributeNames: { '#type': 'type' },
        ExpressionAttributeValues: { ':outbox': 'Outbox' },
      }),
    );

    await measureUntilAlarmIs('ALARM');
    const alarmMessage = await until('the ALARM message on the alarms topic', async () => {
      await alarmsTopic.drain();
      return alarmsTopic.messages.find(
        (m) =>
          (m as { AlarmName?: string }).AlarmName === alarmName() &&
          (m as { NewStateValue?: string }).NewStateValue === 'ALARM',
      );
    });
    expect(JSON.stringify(alarmMessage)).toContain('docs/runbooks/expenses-outbox-relay-dlq.md');
    expect(onBus.filter((e) => e.eventId === eventId)).toEqual([]);

    const dryRun = await redrive('--service', 'expenses', '--stage', system.stage, '--dry-run');
    expect(dryRun.stdout).toContain(`would-republish  ${eventId}  ExpenseDeleted`);
    expect(onBus.filter((e) => e.eventId === eventId)).toEqual([]);

    const run = await redrive('--service', 'expenses', '--stage', system.stage);

    expect(run.stdout).toContain(`republished      ${eventId}  ExpenseDeleted`);
    expect(run.stdout).toContain('1 found, 1 republished, 0 already drained, 0 failed');
    expect(onBus.filter((e) => e.eventId === eventId)).toEqual([{ eventId, detailType: 'ExpenseDeleted' }]);
    const left = await dynamo.send(
      new GetCommand({ TableName: tableName(), Key: { PK: item.PK, SK: item.SK }, ConsistentRead: true }),
    );
    expect(left.Item).toBeUndefined();

    const again = await redrive('--service', 'expenses', '--stage', system.stage);
    expect(again.stdout).toContain('0 found, 0 republished');
    expect(onBus.filter((e) => e.eventId === eventId)).toHaveLength(1);

    await measureUntilAlarmIs('OK');
  }, 180_000);

  it('refuses an unknown service or stage with a clear message and exit code 2', async () => {
    const run = async (...args: string[]) => {
      const err: string[] = [];
      const code = await runOutboxRedrive([...args, '--endpoint', system.awsEndpoint], {
        out: () => {},
        err: (line) => err.push(line),
        env: { AWS_REGION: system.cloud.endpoints.region },
      });
      return { code, err: err.join('\n') };
    };

    const unknownService = await run('--service', 'billing', '--stage', system.stage);
    const unknownStage = await run('--service', 'expenses', '--stage', 'nostage');

    expect(unknownService).toMatchObject({ code: 2 });
    expect(unknownService.err).toContain(
      'unknown service "billing": one of catalog, expenses, insights, notifications',
    );
    expect(unknownStage).toMatchObject({ code: 2 });
    expect(unknownStage.err).toContain('no table spendwise-nostage-expenses');
  });
});
