import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { describe, expect, it } from '@jest/globals';
import { runRestoreTable } from '../src/cli';
import { type RestoreDeps, restoreTable } from '../src/runbook';

const to = new Date('2026-12-06T03:15:00Z');
const source = 'spendwise-prod-expenses';
const target = 'spendwise-prod-expenses-restored-20261206-031500';

/** A DynamoDB client that answers from a script and records every command it is sent. */
function fakeDynamo(statuses: string[] = ['CREATING', 'ACTIVE', 'UPDATING', 'ACTIVE', 'ACTIVE']) {
  const sent: string[] = [];
  const send = async (command: { constructor: { name: string }; input: Record<string, unknown> }) => {
    const name = command.constructor.name.replace(/Command$/, '');
    sent.push(
      `${name} ${String(command.input.TableName ?? command.input.TargetTableName ?? command.input.ResourceArn ?? '')}`,
    );
    switch (name) {
      case 'DescribeTable':
        if (command.input.TableName === source)
          return {
            Table: {
              TableName: source,
              TableArn: `arn:aws:dynamodb:eu-west-1:1:table/${source}`,
              StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_IMAGE' },
            },
          };
        return {
          Table: {
            TableName: target,
            TableArn: `arn:aws:dynamodb:eu-west-1:1:table/${target}`,
            TableStatus: statuses.shift() ?? 'ACTIVE',
            GlobalSecondaryIndexes: [{ IndexName: 'GSI1', IndexStatus: 'ACTIVE' }],
            LatestStreamArn: `arn:aws:dynamodb:eu-west-1:1:table/${target}/stream/2026`,
          },
        };
      case 'DescribeTimeToLive':
        return { TimeToLiveDescription: { TimeToLiveStatus: 'ENABLED', AttributeName: 'expiresAt' } };
      case 'DescribeContinuousBackups':
        return {
          ContinuousBackupsDescription: {
            PointInTimeRecoveryDescription: {
              PointInTimeRecoveryStatus: 'ENABLED',
              EarliestRestorableDateTime: new Date('2026-11-01T00:00:00Z'),
              LatestRestorableDateTime: new Date('2026-12-06T12:00:00Z'),
            },
          },
        };
      case 'ListTagsOfResource':
        return { Tags: [{ Key: 'app', Value: 'spendwise' }] };
      default:
        return {};
    }
  };
  return { client: { send } as unknown as DynamoDBClient, sent };
}

function deps(dynamo: DynamoDBClient, lines: string[], calls: string[]): RestoreDeps {
  return {
    dynamo,
    out: (line) => lines.push(line),
    repoint: async (t, dryRun) => {
      calls.push(`repoint ${t.tableName} ${t.streamArn} ${dryRun}`);
    },
    redrive: async (table, dryRun) => {
      calls.push(`redrive ${table} ${dryRun}`);
      return 'redriven';
    },
    reconcile: async (table, dryRun) => {
      calls.push(`reconcile ${table} ${dryRun}`);
      return 'reconciled';
    },
    sleep: async () => {},
  };
}

describe('the restore runbook', () => {
  it('with --dry-run only reads the source and prints every call it would make', async () => {
    const { client, sent } = fakeDynamo();
    const lines: string[] = [];
    const calls: string[] = [];

    await restoreTable(
      { stage: 'prod', service: 'expenses', source: { kind: 'pitr', to }, dryRun: true },
      deps(client, lines, calls),
    );

    expect(sent.every((call) => /^(Describe|ListTags)/.test(call))).toBe(true);
    const text = lines.join('\n');
    for (const call of [
      'would call RestoreTableToPointInTime',
      `"TargetTableName":"${target}"`,
      'would call UpdateTable',
      '"StreamViewType":"NEW_IMAGE"',
      'would call UpdateTimeToLive',
      'would call UpdateContinuousBackups',
      'would call TagResource',
      'spendwise:restored-from',
    ])
      expect(text).toContain(call);
    expect(calls).toEqual([
      `repoint ${target} <stream of ${target}> true`,
      `redrive ${target} true`,
      `reconcile ${target} true`,
    ]);
  });

  it('restores, waits for ACTIVE, re-creates stream, TTL, PITR and tags, then re-points, re-drives and reconciles', async () => {
    const { client, sent } = fakeDynamo();
    const lines: string[] = [];
    const calls: string[] = [];

    const outcome = await restoreTable(
      { stage: 'prod', service: 'expenses', source: { kind: 'pitr', to }, dryRun: false },
      deps(client, lines, calls),
    );

    const writes = sent.filter((call) => !/^(Describe|ListTags)/.test(call));
    expect(writes).toEqual([
      `RestoreTableToPointInTime ${target}`,
      `UpdateTable ${target}`,
      `UpdateTimeToLive ${target}`,
      `UpdateContinuousBackups ${target}`,
      `TagResource arn:aws:dynamodb:eu-west-1:1:table/${target}`,
    ]);
    expect(lines.join('\n')).toMatch(/table: CREATING.*\n.*table: ACTIVE/);
    expect(outcome.target.streamArn).toBe(`arn:aws:dynamodb:eu-west-1:1:table/${target}/stream/2026`);
    expect(calls).toEqual([
      `repoint ${target} ${outcome.target.streamArn} false`,
      `redrive ${target} false`,
      `reconcile ${target} false`,
    ]);
    expect(outcome.timings.map((t) => t.step)).toHaveLength(7);
  });

  it('refuses a restore point outside the PITR window before changing anything', async () => {
    const { client, sent } = fakeDynamo();

    await expect(
      restoreTable(
        {
          stage: 'prod',
          service: 'expenses',
          source: { kind: 'pitr', to: new Date('2026-10-01T00:00:00Z') },
          dryRun: false,
        },
        deps(client, [], []),
      ),
    ).rejects.toThrow(/outside .* restorable window/);
    expect(sent.filter((call) => !/^(Describe|ListTags)/.test(call))).toEqual([]);
  });
});

describe('pnpm ops:restore-table', () => {
  const io = (errors: string[]) => ({
    out: () => {},
    err: (line: string) => errors.push(line),
    env: {},
    rootDir: '/nowhere',
  });

  it.each([
    [['--service', 'expenses', '--to', '2026-12-06T03:15:00Z'], /--stage is required/],
    [['--stage', 'prod', '--service', 'expenses'], /--to takes an ISO 8601 instant/],
    [['--stage', 'prod', '--service', 'expenses', '--to', 'yesterday'], /--to takes an ISO 8601 instant/],
    [['--stage', 'prod', '--service', 'expenses', '--local'], /--snapshot <name> or --continue/],
    [['--stage', 'prod', '--service', 'catalog', '--to', '2026-12-06T03:15:00Z'], /cannot be re-pointed yet/],
  ])('refuses %j with exit code 2', async (argv, message) => {
    const errors: string[] = [];

    const code = await runRestoreTable(argv, io(errors));

    expect(code).toBe(2);
    expect(errors[0]).toMatch(message);
  });
});
