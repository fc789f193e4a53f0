import { requireEnv } from '@spendwise/lambda-kit/env';
import { buildCatalogStore } from './catalogStore';
import { dynamoDocumentClient } from './dynamoClient';

/** The catalog store of a deployed function: table from CATALOG_TABLE_NAME, built once at cold start. */
export const catalogStore = buildCatalogStore(dynamoDocumentClient, {
  tableName: requireEnv('CATALOG_TABLE_NAME'),
});
