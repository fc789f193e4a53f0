import { randomUUID } from 'node:crypto';
import { DynamoDBClient, ScanCommand } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { createTableFromDefinition, localCredentials, readTableDefinition } from '@spendwise/test-kit';

const tableFile = new URL('../resources/table.yml', import.meta.url).pathname;

/** A fresh catalog table on the DynamoDB Local of this test run, defined by the service's own resources file. */
export async function freshCatalogTable() {
  const endpoint = process.env.DYNAMODB_LOCAL_ENDPOINT;
  if (!endpoint)
    throw new Error('DYNAMODB_LOCAL_ENDPOINT is not set: run integration tests through `pnpm test`');
  const client = new DynamoDBClient({ endpoint, region: 'us-east-1', credentials: localCredentials });
  const tableName = `catalog-${randomUUID()}`;
  await createTableFromDefinition(client, await readTableDefinition(tableFile, 'CatalogTable'), tableName);
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
