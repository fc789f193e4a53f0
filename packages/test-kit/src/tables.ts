import { readFile } from 'node:fs/promises';
import {
  CreateTableCommand,
  type CreateTableCommandInput,
  DeleteTableCommand,
  type DynamoDBClient,
  UpdateTimeToLiveCommand,
  waitUntilTableExists,
} from '@aws-sdk/client-dynamodb';
import { parse, type Tags } from 'yaml';

// CloudFormation short-form tags are kept as plain objects so a resources file parses outside osls.
const cfnTags: Tags = [
  'Ref',
  'GetAtt',
  'Sub',
  'Join',
  'If',
  'Select',
  'Split',
  'ImportValue',
  'Equals',
].flatMap(
  (name) =>
    (['scalar', 'seq', 'map'] as const).map((nodeClass) => ({
      tag: `!${name}`,
      collection: nodeClass === 'scalar' ? undefined : nodeClass,
      resolve: (value: unknown) => ({ [`Fn::${name}`]: value }),
    })) as Tags,
);

interface TableProperties {
  AttributeDefinitions: CreateTableCommandInput['AttributeDefinitions'];
  KeySchema: CreateTableCommandInput['KeySchema'];
  GlobalSecondaryIndexes?: CreateTableCommandInput['GlobalSecondaryIndexes'];
  LocalSecondaryIndexes?: CreateTableCommandInput['LocalSecondaryIndexes'];
  StreamSpecification?: {
    StreamViewType: NonNullable<CreateTableCommandInput['StreamSpecification']>['StreamViewType'];
  };
  TimeToLiveSpecification?: { AttributeName: string; Enabled: boolean };
}

/**
 * Reads an `AWS::DynamoDB::Table` resource from a service's resources YAML file, so tests create exactly the
 * table the service deploys (keys, indexes, stream).
 */
export async function readTableDefinition(file: string, logicalId: string): Promise<TableProperties> {
  const document = parse(await readFile(file, 'utf8'), { customTags: cfnTags }) as {
    Resources?: Record<string, { Type: string; Properties: TableProperties }>;
  };
  const resource = document.Resources?.[logicalId];
  if (resource?.Type !== 'AWS::DynamoDB::Table') {
    throw new Error(`${file} has no AWS::DynamoDB::Table resource named ${logicalId}`);
  }
  return resource.Properties;
}

/** Creates (or re-creates) a table from a service's definition and waits until it is active. */
export async function createTableFromDefinition(
  client: DynamoDBClient,
  definition: TableProperties,
  tableName: string,
): Promise<void> {
  await client.send(new DeleteTableCommand({ TableName: tableName })).catch(() => undefined);
  await client.send(
    new CreateTableCommand({
      TableName: tableName,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: definition.AttributeDefinitions,
      KeySchema: definition.KeySchema,
      GlobalSecondaryIndexes: definition.GlobalSecondaryIndexes,
      LocalSecondaryIndexes: definition.LocalSecondaryIndexes,
      StreamSpecification: definition.StreamSpecification
        ? { StreamEnabled: true, StreamViewType: definition.StreamSpecification.StreamViewType }
        : undefined,
    }),
  );
  await waitUntilTableExists({ client, maxWaitTime: 30 }, { TableName: tableName });
  if (definition.TimeToLiveSpecification?.Enabled) {
    await client.send(
      new UpdateTimeToLiveCommand({
        TableName: tableName,
        TimeToLiveSpecification: {
          AttributeName: definition.TimeToLiveSpecification.AttributeName,
          Enabled: true,
        },
      }),
    );
  }
}
