import {
  DescribeContinuousBackupsCommand,
  DescribeTableCommand,
  DescribeTimeToLiveCommand,
  type DynamoDBClient,
  ListTagsOfResourceCommand,
  RestoreTableToPointInTimeCommand,
  type TableDescription,
  type Tag,
  TagResourceCommand,
  UpdateContinuousBackupsCommand,
  UpdateTableCommand,
  UpdateTimeToLiveCommand,
} from '@aws-sdk/client-dynamodb';

/** Where the restored table comes from: PITR on AWS, or a snapshot of the local cloud (the rehearsal). */
export type RestoreSource =
  | { kind: 'pitr'; to: Date }
  | { kind: 'snapshot'; snapshot: string; suffix: string; restore: SnapshotRestore };

/** The local cloud's `POST /_local/snapshots/<name>/restore`, for one table. */
export type SnapshotRestore = (snapshot: string, table: string, suffix: string) => Promise<string>;

/** What the service is switched to. */
export interface RestoredTarget {
  tableName: string;
  streamArn: string;
}

export interface RestoreRequest {
  stage: string;
  service: string;
  source: RestoreSource;
  dryRun: boolean;
  /** Poll interval while waiting for the table and the stack (default 10 s; the local cloud answers at once). */
  pollMs?: number;
  /** Stop after re-creating what the restore does not carry over (the local cloud re-points by a restart). */
  stopBeforeRepoint?: boolean;
}

export interface RestoreDeps {
  dynamo: DynamoDBClient;
  /** Switches the service to the restored table (a stack update on AWS, a restart locally). */
  repoint(target: RestoredTarget, dryRun: boolean): Promise<void>;
  /** Republishes the outbox records the restored table holds, with their original event ids. */
  redrive(tableName: string, dryRun: boolean): Promise<string>;
  /** Brings downstream read models back to the restored source of truth (per service; none for some). */
  reconcile?(tableName: string, dryRun: boolean): Promise<string>;
  out(line: string): void;
  sleep?(ms: number): Promise<void>;
  now?(): Date;
}

export interface StepTiming {
  step: string;
  ms: number;
}

export interface RestoreOutcome {
  sourceTable: string;
  target: RestoredTarget;
  timings: StepTiming[];
}

/** `spendwise-<stage>-<service>` (the insights idempotency table is not restored: it only deduplicates). */
export const tableOf = (stage: string, service: string): string => `spendwise-${stage}-${service}`;

/** `20261206-031500`: the restore point, valid in a table name. */
export const stamp = (date: Date): string =>
  date.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);

const json = (value: unknown) => JSON.stringify(value);

/**
 * The restore runbook (docs/runbooks/restore-table.md), step by step, each timed:
 *
 * 1. read the source table's settings (stream, TTL, PITR, tags): what the restored table must get back;
 * 2. restore into a NEW table (`<table>-restored-<time>`): RestoreTableToPointInTime, or a local snapshot;
 * 3. wait until it and its indexes are ACTIVE;
 * 4. re-create what a restore does not carry over: stream (same view type), TTL, PITR, tags;
 * 5. re-point the service (functions, the outbox relay's stream, IAM) to it;
 * 6. re-drive the outbox records it holds (events not yet published at the restore point);
 * 7. reconcile the read models fed by the service's events with the restored table.
 *
 * With `dryRun` every step prints the calls it would make; only the source's settings are read.
 */
export async function restoreTable(request: RestoreRequest, deps: RestoreDeps): Promise<RestoreOutcome> {
  const { dynamo, out } = deps;
  const sleep = deps.sleep ?? ((ms: number) => new Promise((resolve) => setTimeout(resolve, ms)));
  const pollMs = request.pollMs ?? 10_000;
  const sourceTable = tableOf(request.stage, request.service);
  const { source } = request;
  const targetName =
    source.kind === 'pitr'
      ? `${sourceTable}-restored-${stamp(source.to)}`
      : `${sourceTable}-restored-${source.suffix}`;
  const timings: StepTiming[] = [];
  const dry = request.dryRun ? '[dry run] would call ' : '';
  const step = async <T>(name: string, run: () => Promise<T>): Promise<T> => {
    out(`\n== ${timings.length + 1}. ${name}`);
    const started = performance.now();
    const result = await run();
    const ms = Math.round(performance.now() - started);
    timings.push({ step: name, ms });
    out(`   done in ${ms} ms`);
    return result;
  };
  const call = async <T>(text: string, send: () => Promise<T>): Promise<T | undefined> => {
    out(`   ${dry}${text}`);
    return request.dryRun ? undefined : send();
  };

  const settings = await step(`read ${sourceTable}'s settings`, async () => {
    out(`   DescribeTable, DescribeTimeToLive, DescribeContinuousBackups, ListTagsOfResource ${sourceTable}`);
    const table = (await dynamo.send(new DescribeTableCommand({ TableName: sourceTable })))
      .Table as TableDescription;
    const ttl = (await dynamo.send(new DescribeTimeToLiveCommand({ TableName: sourceTable })))
      .TimeToLiveDescription;
    const pitr = await optional(() =>
      dynamo.send(new DescribeContinuousBackupsCommand({ TableName: sourceTable })),
    );
    const tags = (
      await optional(() => dynamo.send(new ListTagsOfResourceCommand({ ResourceArn: table.TableArn })))
    )?.Tags;
    const pitrDescription = pitr?.ContinuousBackupsDescription?.PointInTimeRecoveryDescription;
    const found = {
      stream: table.StreamSpecification?.StreamEnabled ? table.StreamSpecification.StreamViewType : undefined,
      ttl: ttl?.TimeToLiveStatus === 'ENABLED' ? ttl.AttributeName : undefined,
      pitr: pitrDescription?.PointInTimeRecoveryStatus === 'ENABLED',
      tags: tags ?? [],
      earliest: pitrDescription?.EarliestRestorableDateTime,
      latest: pitrDescription?.LatestRestorableDateTime,
    };
    out(
      `   stream ${found.stream ?? 'none'}, TTL ${found.ttl ?? 'off'}, PITR ${found.pitr ? 'on' : 'off'}, ` +
        `${found.tags.length} tag(s)${found.earliest ? `, restorable ${found.earliest.toISOString()} … ${found.latest?.toISOString()}` : ''}`,
    );
    if (source.kind === 'pitr' && found.earliest && found.latest) {
      if (source.to < found.earliest || source.to > found.latest)
        throw new Error(
          `--to ${source.to.toISOString()} is outside ${sourceTable}'s restorable window ` +
            `${found.earliest.toISOString()} … ${found.latest.toISOString()}`,
        );
    }
    return found;
  });

  await step(`restore into a new table ${targetName}`, async () => {
    if (source.kind === 'pitr') {
      const input = {
        SourceTableName: sourceTable,
        TargetTableName: targetName,
        RestoreDateTime: source.to,
        BillingModeOverride: 'PAY_PER_REQUEST' as const,
        SSESpecificationOverride: { Enabled: true },
      };
      await call(`RestoreTableToPointInTime ${json(input)}`, () =>
        dynamo.send(new RestoreTableToPointInTimeCommand(input)),
      );
    } else {
      await call(
        `POST /_local/snapshots/${source.snapshot}/restore ${json({ suffix: source.suffix, tables: [sourceTable] })}`,
        () => source.restore(source.snapshot, sourceTable, source.suffix),
      );
    }
  });

  const waitActive = async (what: string) => {
    if (request.dryRun) {
      out(
        `   ${dry}DescribeTable ${targetName} every ${pollMs / 1000} s until it and its indexes are ACTIVE`,
      );
      return undefined;
    }
    const started = performance.now();
    for (;;) {
      const table = (await dynamo.send(new DescribeTableCommand({ TableName: targetName })))
        .Table as TableDescription;
      const indexes = table.GlobalSecondaryIndexes ?? [];
      const pending = indexes.filter((index) => index.IndexStatus !== 'ACTIVE').length;
      out(
        `   ${what}: ${table.TableStatus}${indexes.length ? `, indexes ${indexes.length - pending}/${indexes.length} ACTIVE` : ''} ` +
          `(${Math.round((performance.now() - started) / 1000)} s)`,
      );
      if (table.TableStatus === 'ACTIVE' && pending === 0) return table;
      await sleep(pollMs);
    }
  };

  await step(`wait until ${targetName} is ACTIVE`, () => waitActive('table'));

  const streamArn = await step('re-create what a restore does not carry over', async () => {
    let arn = `<stream of ${targetName}>`;
    if (settings.stream) {
      const input = {
        TableName: targetName,
        StreamSpecification: { StreamEnabled: true, StreamViewType: settings.stream },
      };
      await call(`UpdateTable ${json(input)}`, () => dynamo.send(new UpdateTableCommand(input)));
      const table = await waitActive('stream');
      if (table?.LatestStreamArn) arn = table.LatestStreamArn;
      out(`   stream: ${arn}`);
    } else out('   stream: the source has none');
    if (settings.ttl) {
      const input = {
        TableName: targetName,
        TimeToLiveSpecification: { AttributeName: settings.ttl, Enabled: true },
      };
      await call(`UpdateTimeToLive ${json(input)}`, () => dynamo.send(new UpdateTimeToLiveCommand(input)));
    }
    if (settings.pitr) {
      const input = {
        TableName: targetName,
        PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      };
      const done = await call(`UpdateContinuousBackups ${json(input)}`, () =>
        optional(() => dynamo.send(new UpdateContinuousBackupsCommand(input))),
      );
      if (!request.dryRun && done === undefined)
        out('   PITR: not offered by this endpoint (DynamoDB Local): skipped');
    }
    const tags: Tag[] = [
      ...settings.tags.filter((tag) => !tag.Key?.startsWith('spendwise:restored')),
      { Key: 'spendwise:restored-from', Value: sourceTable },
      {
        Key: 'spendwise:restored-to',
        Value: source.kind === 'pitr' ? source.to.toISOString() : `snapshot ${source.snapshot}`,
      },
    ];
    const tagged = await call(`TagResource ${targetName} ${json(tags)}`, async () => {
      const table = (await dynamo.send(new DescribeTableCommand({ TableName: targetName }))).Table;
      return optional(() =>
        dynamo.send(new TagResourceCommand({ ResourceArn: table?.TableArn, Tags: tags })),
      );
    });
    if (!request.dryRun && tagged === undefined)
      out('   tags: not offered by this endpoint (DynamoDB Local): skipped');
    out(
      "   alarms: Spendwise's alarms watch the service's functions, queues and outbox age, not the table: they follow the re-point",
    );
    return arn;
  });

  const target = { tableName: targetName, streamArn };
  if (request.stopBeforeRepoint) return { sourceTable, target, timings };
  await step(`re-point ${request.service} to ${targetName}`, () => deps.repoint(target, request.dryRun));
  await step('re-drive the outbox records of the restored table', async () => {
    out(`   ${await deps.redrive(targetName, request.dryRun)}`);
  });
  if (deps.reconcile) {
    const reconcile = deps.reconcile;
    await step('reconcile the read models fed by its events', async () => {
      out(`   ${await reconcile(targetName, request.dryRun)}`);
    });
  }
  out(`\n${request.dryRun ? 'dry run: nothing was changed' : `restored ${sourceTable} into ${targetName}`}`);
  for (const timing of timings) out(`  ${timing.step.padEnd(60)} ${String(timing.ms).padStart(8)} ms`);
  return { sourceTable, target, timings };
}

/** The operation's answer, or undefined when the endpoint does not offer it (DynamoDB Local: PITR, tags). */
async function optional<T>(send: () => Promise<T>): Promise<T | undefined> {
  try {
    return await send();
  } catch (error) {
    const name = (error as Error).name;
    if (
      [
        'UnknownOperationException',
        'UnrecognizedClientException',
        'NotImplemented',
        'ValidationException',
      ].includes(name) ||
      /not (supported|implemented)/i.test((error as Error).message)
    )
      return undefined;
    throw error;
  }
}
