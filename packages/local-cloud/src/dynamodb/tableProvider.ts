import type { CreateTableInput, KeySchemaElement, TableDescription } from '@aws-sdk/client-dynamodb';
import { arnOf } from '../core/arn';
import type { LocalCloud } from '../core/context';
import type { CreatedResource, ResolvedResource, ResourceProvider } from '../core/resources';
import { tableSpec } from './tableSpec';
import { type DynamoDbCall, DynamoDbLocalError } from './wire';

const TYPE = 'AWS::DynamoDB::Table';

/**
 * Creates AWS::DynamoDB::Table resources in DynamoDB Local. A table that already exists (persistent data of
 * an earlier run) is kept with its data; a missing stream or GSI is added, a different key schema reported.
 * Ref = table name; GetAtt Arn (in the configured region) and StreamArn (DynamoDB Local's LatestStreamArn,
 * the one its Streams API answers to).
 */
export function tableProvider(call: DynamoDbCall): ResourceProvider {
  return {
    types: [TYPE],
    async create(resource: ResolvedResource, ctx: LocalCloud): Promise<CreatedResource> {
      const spec = tableSpec(resource, ctx);
      for (const [property, reason] of spec.unhonoured) {
        ctx.report({ stack: resource.stack, logicalId: resource.logicalId, type: TYPE, property, reason });
      }
      const name = spec.input.TableName as string;
      const existing = await describe(call, name);
      if (existing) await reconcile(call, existing, spec.input, resource, ctx);
      else await call('CreateTable', spec.input);
      if (spec.ttl) await applyTtl(call, name, spec.ttl);
      const table = (await describe(call, name)) as TableDescription;
      return {
        ref: name,
        attributes: {
          Arn: arnOf(ctx.config, 'dynamodb', `table/${name}`),
          ...(table.LatestStreamArn ? { StreamArn: table.LatestStreamArn } : {}),
        },
      };
    },
  };
}

async function describe(call: DynamoDbCall, name: string): Promise<TableDescription | undefined> {
  try {
    return (await call<{ Table: TableDescription }>('DescribeTable', { TableName: name })).Table;
  } catch (error) {
    if (error instanceof DynamoDbLocalError && error.code === 'ResourceNotFoundException') return undefined;
    throw error;
  }
}

const keyText = (keys: KeySchemaElement[] | undefined) =>
  (keys ?? []).map((key) => `${key.AttributeName} (${key.KeyType})`).join(', ');

/** Brings a kept table closer to the template without touching its data. */
async function reconcile(
  call: DynamoDbCall,
  table: TableDescription,
  wanted: CreateTableInput,
  resource: ResolvedResource,
  ctx: LocalCloud,
): Promise<void> {
  const name = wanted.TableName as string;
  if (keyText(table.KeySchema) !== keyText(wanted.KeySchema)) {
    ctx.report({
      stack: resource.stack,
      logicalId: resource.logicalId,
      type: TYPE,
      property: 'KeySchema',
      reason: `table ${name} already exists in the local data with key ${keyText(table.KeySchema)}, the template wants ${keyText(wanted.KeySchema)}; the existing table and its data are kept (delete the local DynamoDB data to recreate it)`,
    });
    return;
  }
  if (wanted.StreamSpecification && !table.StreamSpecification?.StreamEnabled) {
    await call('UpdateTable', { TableName: name, StreamSpecification: wanted.StreamSpecification });
  }
  const present = new Set((table.GlobalSecondaryIndexes ?? []).map((index) => index.IndexName));
  for (const index of wanted.GlobalSecondaryIndexes ?? []) {
    if (present.has(index.IndexName)) continue;
    await call('UpdateTable', {
      TableName: name,
      AttributeDefinitions: wanted.AttributeDefinitions,
      GlobalSecondaryIndexUpdates: [{ Create: index }],
    });
  }
  ctx.log(`kept existing DynamoDB table ${name} and its data`);
}

async function applyTtl(call: DynamoDbCall, name: string, ttl: { AttributeName: string; Enabled: boolean }) {
  const current = await call<{
    TimeToLiveDescription?: { TimeToLiveStatus?: string; AttributeName?: string };
  }>('DescribeTimeToLive', { TableName: name });
  const enabled = current.TimeToLiveDescription?.TimeToLiveStatus === 'ENABLED';
  if (
    enabled === Boolean(ttl.Enabled) &&
    (!enabled || current.TimeToLiveDescription?.AttributeName === ttl.AttributeName)
  ) {
    return;
  }
  await call('UpdateTimeToLive', { TableName: name, TimeToLiveSpecification: ttl });
}
