import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import {
  CloudFormationClient,
  DescribeStacksCommand,
  type Parameter,
  UpdateStackCommand,
} from '@aws-sdk/client-cloudformation';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { everyEvent } from '@spendwise/contracts';
import {
  buildOutboxIndex,
  buildOutboxPublisher,
  outboxEventBridgeClient,
  redriveOutbox,
} from '@spendwise/outbox';
import { type RestoreDeps, type RestoredTarget, restoreTable, stamp } from './runbook';

export const USAGE = `Usage: pnpm ops:restore-table --stage <stage> --service <service> --to <ISO time> [--dry-run] [--region <r>]
       pnpm ops:restore-table --stage <stage> --service <service> --local --snapshot <name> [--suffix <s>] [--dry-run]
       pnpm ops:restore-table --stage <stage> --service <service> --local --continue <restored table> [--dry-run]

Restores the service's table (spendwise-<stage>-<service>) to a point in time into a NEW table
spendwise-<stage>-<service>-restored-<time>, waits for it, re-creates its stream, TTL, PITR and tags, re-points the
service to it (a stack update: TableName / TableStreamArn, previous template), republishes the outbox records it
holds and reconciles the read models fed by its events (expenses → insights). --dry-run prints every step and call.
--local rehearses it on the running local cloud from a snapshot (spendwise-local snapshot create): it stops before
the re-point, which is a restart (printed), and --continue <table> runs the rest after it.
Runbook: docs/runbooks/restore-table.md.`;

/** Services whose template takes TableName / TableStreamArn (docs/adr/0017). */
export const REPOINTABLE = ['expenses'];

export interface RestoreCliIo {
  out: (line: string) => void;
  err: (line: string) => void;
  env: NodeJS.ProcessEnv;
  rootDir: string;
  /** Read models to reconcile for a service, given the stage's endpoint settings (the script supplies them). */
  reconciler?: (
    service: string,
    clients: { dynamo: DynamoDBClient; stage: string },
  ) => RestoreDeps['reconcile'] | undefined;
}

type Options = ReturnType<typeof parse>;

function parse(argv: string[]) {
  const { values } = parseArgs({
    args: argv,
    options: {
      stage: { type: 'string' },
      service: { type: 'string' },
      to: { type: 'string' },
      'dry-run': { type: 'boolean', default: false },
      region: { type: 'string' },
      local: { type: 'boolean', default: false },
      snapshot: { type: 'string' },
      suffix: { type: 'string' },
      continue: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
  });
  if (values.help) return 'help' as const;
  const stage = values.stage;
  const service = values.service;
  if (!stage || !/^[a-z0-9-]+$/.test(stage)) throw new Error('--stage is required (a-z, 0-9, -)');
  if (!service || !/^[a-z0-9-]+$/.test(service)) throw new Error('--service is required (a-z, 0-9, -)');
  checkMode(values);
  return { ...values, stage, service };
}

function checkMode(values: { local?: boolean; snapshot?: string; continue?: string; to?: string }): void {
  if (values.local) {
    if (!values.snapshot && !values.continue)
      throw new Error('--local needs --snapshot <name> or --continue <table>');
    if (values.to) throw new Error('--to is for AWS (PITR); locally the point in time is a --snapshot');
    return;
  }
  if (values.snapshot || values.continue) throw new Error('--snapshot and --continue go with --local');
  const to = values.to ? new Date(values.to) : undefined;
  if (!to || Number.isNaN(to.getTime()) || !/^\d{4}-\d{2}-\d{2}T/.test(values.to ?? ''))
    throw new Error('--to takes an ISO 8601 instant, e.g. 2026-12-06T03:15:00Z');
}

/** Exit codes: 0 done (or dry run), 1 a step failed, 2 bad usage. */
export async function runRestoreTable(argv: string[], io: RestoreCliIo): Promise<number> {
  let options: Options;
  try {
    options = parse(argv);
  } catch (error) {
    io.err(`ops:restore-table: ${(error as Error).message}`);
    io.err(USAGE);
    return 2;
  }
  if (options === 'help') {
    io.out(USAGE);
    return 0;
  }
  if (!REPOINTABLE.includes(options.service)) {
    io.err(
      `ops:restore-table: ${options.service} cannot be re-pointed yet: its template takes no TableName / TableStreamArn ` +
        `(only ${REPOINTABLE.join(', ')}; docs/adr/0017). Restore by hand with the runbook.`,
    );
    return 2;
  }
  try {
    return options.local ? await runLocal(options, io) : await runAws(options, io);
  } catch (error) {
    io.err(`ops:restore-table: ${(error as Error).name}: ${(error as Error).message}`);
    return 1;
  }
}

async function runAws(options: Exclude<Options, 'help'>, io: RestoreCliIo): Promise<number> {
  const region = options.region ?? io.env.AWS_REGION ?? 'eu-west-1';
  const dynamo = new DynamoDBClient({ region });
  const cloudFormation = new CloudFormationClient({ region });
  const to = new Date(options.to as string);
  const deps = depsFor(options, io, dynamo, {
    repoint: (target, dryRun) => repointStack(cloudFormation, options, target, dryRun, io.out),
  });
  try {
    await restoreTable(
      {
        stage: options.stage,
        service: options.service,
        source: { kind: 'pitr', to },
        dryRun: options['dry-run'],
      },
      deps,
    );
    return 0;
  } finally {
    dynamo.destroy();
    cloudFormation.destroy();
  }
}

async function runLocal(options: Exclude<Options, 'help'>, io: RestoreCliIo): Promise<number> {
  const endpoints = JSON.parse(
    await readFile(join(io.rootDir, '.local-cloud', 'endpoints.json'), 'utf8'),
  ) as {
    awsEndpoint: string;
    region: string;
  };
  const client = localClients(endpoints.awsEndpoint, endpoints.region);
  const dynamo = new DynamoDBClient(client);
  const deps = depsFor(options, io, dynamo, {
    repoint: async () => {},
    ...client,
  });
  try {
    if (options.continue) {
      const tableName = options.continue;
      io.out(`continuing after the re-point to ${tableName}`);
      io.out(`== re-drive: ${await deps.redrive(tableName, options['dry-run'])}`);
      if (deps.reconcile) io.out(`== reconcile: ${await deps.reconcile(tableName, options['dry-run'])}`);
      return 0;
    }
    const suffix = options.suffix ?? stamp(new Date());
    const outcome = await restoreTable(
      {
        stage: options.stage,
        service: options.service,
        source: {
          kind: 'snapshot',
          snapshot: options.snapshot as string,
          suffix,
          restore: (snapshot, table, s) => localSnapshotRestore(endpoints.awsEndpoint, snapshot, table, s),
        },
        dryRun: options['dry-run'],
        pollMs: 200,
        stopBeforeRepoint: true,
      },
      deps,
    );
    io.out(
      `\nNext (the local cloud re-deploys at start): stop it (Ctrl-C) and start it on the restored table:`,
    );
    io.out(`  ${localRestartCommand(options.service, outcome.target)}`);
    io.out(
      `then: pnpm ops:restore-table --stage ${options.stage} --service ${options.service} --local --continue ${outcome.target.tableName}`,
    );
    return 0;
  } finally {
    dynamo.destroy();
  }
}

/** `pnpm start --stack-param expenses:TableName=… --stack-param expenses:TableStreamArn=…`. */
export const localRestartCommand = (service: string, target: RestoredTarget): string =>
  `pnpm start --stack-param ${service}:TableName=${target.tableName} --stack-param ${service}:TableStreamArn=${target.streamArn}`;

/** SDK settings for the local cloud's endpoint (any credentials work there). */
export const localClients = (endpoint: string, region: string) => ({
  endpoint,
  region,
  credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
});

export async function localSnapshotRestore(
  awsEndpoint: string,
  snapshot: string,
  table: string,
  suffix: string,
): Promise<string> {
  const response = await fetch(`${awsEndpoint}/_local/snapshots/${encodeURIComponent(snapshot)}/restore`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ suffix, tables: [table] }),
  });
  const body = (await response.json()) as { tables?: { tableName: string }[]; message?: string };
  if (!response.ok) throw new Error(body.message ?? `snapshot restore failed with ${response.status}`);
  return body.tables?.[0]?.tableName as string;
}

/** The dependencies every mode shares: outbox re-drive to the stage's bus, the read models' reconciler. */
export function depsFor(
  options: { stage: string; service: string },
  io: Pick<RestoreCliIo, 'out' | 'reconciler'>,
  dynamo: DynamoDBClient,
  extra: Pick<RestoreDeps, 'repoint'> & {
    endpoint?: string;
    region?: string;
    credentials?: { accessKeyId: string; secretAccessKey: string };
  },
): RestoreDeps {
  const { repoint, ...clientConfig } = extra;
  const reconcile = io.reconciler?.(options.service, { dynamo, stage: options.stage });
  return {
    dynamo,
    out: io.out,
    repoint,
    redrive: async (tableName, dryRun) => {
      const events = outboxEventBridgeClient({
        region: (await dynamo.config.region()) as string,
        ...clientConfig,
      });
      try {
        const busName = `spendwise-${options.stage}`;
        const summary = await redriveOutbox(
          buildOutboxIndex(DynamoDBDocumentClient.from(dynamo), { tableName }),
          buildOutboxPublisher(events, { busName, events: everyEvent() }).publish,
          { olderThan: new Date(), dryRun },
        );
        return (
          `${summary.found} outbox record(s) found in ${tableName}, ${summary.republished} republished to ${busName} ` +
          `with their original event ids${dryRun ? `, ${summary.wouldRepublish} would be` : ''}, ` +
          `${summary.alreadyDrained} already drained, ${summary.failed} failed`
        );
      } finally {
        events.destroy();
      }
    },
    ...(reconcile ? { reconcile } : {}),
  };
}

/**
 * Re-points a service with a stack update: its previous template, every parameter as it was but TableName and
 * TableStreamArn; waits for UPDATE_COMPLETE. Prints how to keep it across the next deploys.
 */
async function repointStack(
  cloudFormation: CloudFormationClient,
  options: { stage: string; service: string },
  target: RestoredTarget,
  dryRun: boolean,
  out: (line: string) => void,
): Promise<void> {
  const StackName = `spendwise-${options.service}-${options.stage}`;
  const stack = (await cloudFormation.send(new DescribeStacksCommand({ StackName }))).Stacks?.[0];
  const current = stack?.Parameters ?? [];
  if (!current.some((p) => p.ParameterKey === 'TableName'))
    throw new Error(
      `stack ${StackName} has no TableName parameter: deploy the service's current template first`,
    );
  const Parameters: Parameter[] = current.map(({ ParameterKey }) =>
    ParameterKey === 'TableName'
      ? { ParameterKey, ParameterValue: target.tableName }
      : ParameterKey === 'TableStreamArn'
        ? { ParameterKey, ParameterValue: target.streamArn }
        : { ParameterKey, UsePreviousValue: true },
  );
  const input = {
    StackName,
    UsePreviousTemplate: true,
    Parameters,
    Capabilities: ['CAPABILITY_IAM' as const, 'CAPABILITY_NAMED_IAM' as const],
  };
  out(`   ${dryRun ? '[dry run] would call ' : ''}UpdateStack ${JSON.stringify(input)}`);
  if (!dryRun) {
    await cloudFormation.send(new UpdateStackCommand(input));
    for (;;) {
      const status = (await cloudFormation.send(new DescribeStacksCommand({ StackName }))).Stacks?.[0]
        ?.StackStatus;
      out(`   ${StackName}: ${status}`);
      if (status === 'UPDATE_COMPLETE') break;
      if (!status?.endsWith('_IN_PROGRESS')) throw new Error(`stack update ended in ${status}`);
      await new Promise((resolve) => setTimeout(resolve, 10_000));
    }
  }
  out(
    `   keep it across deploys: in services/${options.service}/serverless.yml add\n` +
      `     params:\n       ${options.stage}:\n         tableName: ${target.tableName}\n         tableStreamArn: ${target.streamArn}\n` +
      '   (the stack parameters default to them; a deploy without them would switch back to the template table)',
  );
}

/** A DynamoDB client of the local cloud's AWS endpoint (the rehearsal drives the runbook with it). */
export const localDynamo = (endpoint: string, region: string): DynamoDBClient =>
  new DynamoDBClient(localClients(endpoint, region));
