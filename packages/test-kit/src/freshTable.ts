import { randomUUID } from 'node:crypto';
import { DynamoDBClient, ScanCommand } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { localCredentials } from './dynamoDbLocal';
import { createTableFromDefinition, readTableDefinition } from './tables';

/**
 * A fresh table on the DynamoDB Local of this test run, defined by a service's own resources file, so tests use
 * exactly the keys, indexes and stream the service deploys.
 *
 * @example const table = await freshTable(new URL('../resources/table.yml', import.meta.url), 'ExpensesTable');
 */
export async function freshTable(resourcesFile: URL, logicalId: string) {
  const endpoint = process.env.DYNAMODB_LOCAL_ENDPOINT;
  if (!endpoint)
    throw new Error('DYNAMODB_LOCAL_ENDPOINT is not set: run integration tests through `pnpm test`');
  const client = new DynamoDBClient({ endpoint, region: 'us-east-1', credentials: localCredentials });
  const tableName = `${logicalId}-${randomUUID()}`;
  await createTableFromDefinition(
    client,
    await readTableDefinition(resourcesFile.pathname, logicalId),
    tableName,
  );
  const documentClient = DynamoDBDocumentClient.from(client, {
    marshallOptions: { removeUndefinedValues: true },
  });
  return {
    client,
    documentClient,
    tableName,
    /** Every item in the table (tests only: request paths never scan). */
    allItems: async () =>
      ((await client.send(new ScanCommand({ TableName: tableName, ConsistentRead: true }))).Items ?? []).map(
        (item) => unmarshall(item),
      ),
  };
}
