import { describe, expect, it } from '@jest/globals';
import type { ResolvedResource } from '../core/resources';
import { fakeCloud } from '../testing/fakeCloud';
import { EventBridgeEngine } from './engine';
import { manualScheduler } from './manualScheduler';
import { eventsResourceProviders } from './providers';

const ACCOUNT = 'eu-west-1:000000000000';

function setup() {
  const fake = fakeCloud();
  const engine = new EventBridgeEngine(fake.cloud, { schedule: manualScheduler().schedule });
  fake.cloud.events = engine;
  const providers = eventsResourceProviders(engine);
  const create = (logicalId: string, type: string, properties: Record<string, unknown>) => {
    const resource: ResolvedResource = {
      stack: 'platform',
      stackDir: '/tmp/platform',
      logicalId,
      type,
      properties,
    };
    const provider = providers.find((candidate) => candidate.types.includes(type));
    if (!provider) throw new Error(`no provider for ${type}`);
    return provider.create(resource, fake.cloud);
  };
  return { ...fake, engine, create };
}

/** The platform stack's bus, archive and audit rule, with intrinsics resolved as the deployer would. */
async function deployPlatform(create: ReturnType<typeof setup>['create']) {
  const bus = await create('EventBus', 'AWS::Events::EventBus', { Name: 'spendwise-dev' });
  const archive = await create('EventArchive', 'AWS::Events::Archive', {
    ArchiveName: 'spendwise-dev-archive',
    Description: 'Every Spendwise event, kept for replay',
    SourceArn: bus.attributes.Arn,
    RetentionDays: 90,
  });
  const rule = await create('AuditRule', 'AWS::Events::Rule', {
    Name: 'spendwise-dev-audit',
    Description: 'Copies every event on the bus to the audit log group',
    EventBusName: bus.ref,
    EventPattern: { source: [{ prefix: '' }] },
    State: 'ENABLED',
    Targets: [
      {
        Id: 'audit-log',
        Arn: `arn:aws:logs:${ACCOUNT}:log-group:/aws/events/spendwise-dev/audit:*`,
        RetryPolicy: { MaximumRetryAttempts: 185, MaximumEventAgeInSeconds: 86400 },
        DeadLetterConfig: { Arn: `arn:aws:sqs:${ACCOUNT}:spendwise-dev-audit-dlq` },
      },
    ],
  });
  return { bus, archive, rule };
}

describe('EventBridge resource providers', () => {
  it('deploys the platform bus, archive and audit rule with the Ref and GetAtt values CloudFormation gives', async () => {
    const { create, recorded } = setup();

    const { bus, archive, rule } = await deployPlatform(create);

    expect(bus).toEqual({
      ref: 'spendwise-dev',
      attributes: { Arn: `arn:aws:events:${ACCOUNT}:event-bus/spendwise-dev`, Name: 'spendwise-dev' },
    });
    expect(archive).toEqual({
      ref: 'spendwise-dev-archive',
      attributes: { Arn: `arn:aws:events:${ACCOUNT}:archive/spendwise-dev-archive` },
    });
    expect(rule).toEqual({
      ref: 'spendwise-dev|spendwise-dev-audit',
      attributes: { Arn: `arn:aws:events:${ACCOUNT}:rule/spendwise-dev/spendwise-dev-audit` },
    });
    expect(recorded.unsupported).toEqual([]);
  });

  it('audits and archives every event put on the deployed platform bus', async () => {
    const { create, engine, recorded } = setup();
    await deployPlatform(create);

    await engine.putEvents([
      {
        EventBusName: 'spendwise-dev',
        Source: 'spendwise.expenses',
        DetailType: 'ExpenseRecorded',
        Detail: '{"x":1}',
      },
    ]);
    await engine.settled();

    expect(recorded.logs.map((log) => log.logGroup)).toEqual(['/aws/events/spendwise-dev/audit']);
    expect(engine.archives.get('spendwise-dev-archive').events).toHaveLength(1);
  });

  it('reports a target kind the local cloud does not run, and its kind-specific parameters, by name', async () => {
    const { create, recorded } = setup();

    await create('StreamRule', 'AWS::Events::Rule', {
      EventPattern: { source: ['spendwise.expenses'] },
      Targets: [
        {
          Id: 'stream',
          Arn: `arn:aws:kinesis:${ACCOUNT}:stream/s`,
          KinesisParameters: { PartitionKeyPath: '$.id' },
        },
      ],
    });

    expect(recorded.unsupported).toEqual([
      expect.objectContaining({
        logicalId: 'StreamRule',
        property: 'Targets[stream].Arn',
        reason: expect.stringContaining('Kinesis'),
      }),
      expect.objectContaining({ property: 'Targets[stream].KinesisParameters', reason: 'not emulated' }),
    ]);
  });

  it('reports bus properties it does not honour', async () => {
    const { create, recorded } = setup();

    await create('Bus', 'AWS::Events::EventBus', { Name: 'b', KmsKeyIdentifier: 'alias/k', Tags: [] });

    expect(recorded.unsupported.map((item) => item.property)).toEqual(['KmsKeyIdentifier']);
  });

  it('names a rule without a Name after its stack and logical id, and Refs it by name on the default bus', async () => {
    const { create } = setup();

    const rule = await create('MonthlyReport', 'AWS::Events::Rule', {
      ScheduleExpression: 'cron(0 6 1 * ? *)',
    });

    expect(rule.ref).toMatch(/^platform-MonthlyReport-[A-Z0-9]{12}$/);
  });

  it('keeps a scheduled rule for the scheduler engine without reporting its schedule', async () => {
    const { create, engine, recorded } = setup();

    await create('Nightly', 'AWS::Events::Rule', { Name: 'nightly', ScheduleExpression: 'rate(1 day)' });

    expect(engine.scheduledRules().map((rule) => [rule.name, rule.scheduleExpression])).toEqual([
      ['nightly', 'rate(1 day)'],
    ]);
    expect(recorded.unsupported).toEqual([]);
  });

  it('fails the deployment of a rule whose pattern EventBridge would reject', async () => {
    const { create } = setup();

    await expect(
      create('Bad', 'AWS::Events::Rule', { EventPattern: { source: 'not-an-array' } }),
    ).rejects.toMatchObject({
      code: 'InvalidEventPatternException',
    });
  });
});
