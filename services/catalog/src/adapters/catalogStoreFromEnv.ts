import { dynamoDocumentClient } from '@spendwise/lambda-kit/dynamo';
import { requireEnv } from '@spendwise/lambda-kit/env';
import { buildCatalogStore } from './catalogStore';

/** The catalog store of a deployed function: table from CATALOG_TABLE_NAME, built once at cold start. */
export const catalogStore = buildCatalogStore(dynamoDocumentClient, {
  tableName: requireEnv('CATALOG_TABLE_NAME'),
});
