import { createHash } from 'node:crypto';
import type { CreateTableInput, GlobalSecondaryIndex } from '@aws-sdk/client-dynamodb';
import type { LocalCloud } from '../core/context';
import type { ResolvedResource } from '../core/resources';

/** What a template's AWS::DynamoDB::Table asks of DynamoDB Local. */
export interface TableSpec {
  input: CreateTableInput;
  /** TimeToLiveSpecification, applied with UpdateTimeToLive after CreateTable. */
  ttl?: { AttributeName: string; Enabled: boolean };
  /** Properties DynamoDB Local cannot honour: property → reason. */
  unhonoured: [property: string, reason: string][];
}

/** Properties that change nothing about local behaviour: accepted without a report. */
const NO_LOCAL_EFFECT = new Set([
  'PointInTimeRecoverySpecification',
  'SSESpecification',
  'Tags',
  'DeletionProtectionEnabled',
  'TableClass',
  'ContributorInsightsSpecification',
  'OnDemandThroughput',
  'WarmThroughput',
  'ResourcePolicy',
]);

const HANDLED = new Set([
  'TableName',
  'AttributeDefinitions',
  'KeySchema',
  'GlobalSecondaryIndexes',
  'LocalSecondaryIndexes',
  'BillingMode',
  'ProvisionedThroughput',
  'StreamSpecification',
  'TimeToLiveSpecification',
]);

const REASONS: Record<string, string> = {
  KinesisStreamSpecification:
    'DynamoDB Local has no Kinesis data streams; only the DynamoDB stream is available',
  ImportSourceSpecification: 'importing from S3 is not available locally; the table is created empty',
};

/**
 * Turns resolved AWS::DynamoDB::Table properties into a CreateTable request for DynamoDB Local.
 *
 * @example const { input, ttl } = tableSpec(resource, ctx); await call('CreateTable', input);
 */
export function tableSpec(resource: ResolvedResource, ctx: LocalCloud): TableSpec {
  const p = resource.properties as Record<string, never>;
  const provisioned =
    p.BillingMode === 'PROVISIONED' || (p.BillingMode === undefined && p.ProvisionedThroughput !== undefined);
  const stream = p.StreamSpecification as { StreamViewType?: string } | undefined;
  const input: CreateTableInput = {
    TableName: (p.TableName as string | undefined) ?? generatedTableName(resource, ctx),
    AttributeDefinitions: p.AttributeDefinitions,
    KeySchema: p.KeySchema,
    BillingMode: provisioned ? 'PROVISIONED' : 'PAY_PER_REQUEST',
    ...(provisioned ? { ProvisionedThroughput: p.ProvisionedThroughput } : {}),
    ...(p.GlobalSecondaryIndexes
      ? {
          GlobalSecondaryIndexes: (p.GlobalSecondaryIndexes as GlobalSecondaryIndex[]).map((gsi) =>
            indexInput(gsi, provisioned),
          ),
        }
      : {}),
    ...(p.LocalSecondaryIndexes ? { LocalSecondaryIndexes: p.LocalSecondaryIndexes } : {}),
    ...(stream?.StreamViewType
      ? { StreamSpecification: { StreamEnabled: true, StreamViewType: stream.StreamViewType as never } }
      : {}),
  };
  const ttl = p.TimeToLiveSpecification as TableSpec['ttl'];
  const unhonoured = Object.keys(p)
    .filter((key) => !HANDLED.has(key) && !NO_LOCAL_EFFECT.has(key))
    .map((key): [string, string] => [key, REASONS[key] ?? 'not honoured by the local DynamoDB']);
  return { input, ...(ttl ? { ttl } : {}), unhonoured };
}

/** A GSI as CreateTable takes it: CloudFormation-only settings removed, throughput only when provisioned. */
function indexInput(index: GlobalSecondaryIndex, provisioned: boolean): GlobalSecondaryIndex {
  const { IndexName, KeySchema, Projection, ProvisionedThroughput } = index;
  return {
    IndexName,
    KeySchema,
    Projection,
    ...(provisioned && ProvisionedThroughput ? { ProvisionedThroughput } : {}),
  };
}

/**
 * The name CloudFormation generates for a table without TableName, stable across runs so persistent data
 * is found again. Uses osls's stack name convention `spendwise-<service>-<stage>`.
 */
function generatedTableName(resource: ResolvedResource, ctx: LocalCloud): string {
  const stackName = `spendwise-${resource.stack}-${ctx.config.stage}`;
  const suffix = createHash('sha256')
    .update(`${stackName}\u0000${resource.logicalId}`)
    .digest('hex')
    .slice(0, 12)
    .toUpperCase();
  return `${stackName}-${resource.logicalId}-${suffix}`.slice(-255);
}
