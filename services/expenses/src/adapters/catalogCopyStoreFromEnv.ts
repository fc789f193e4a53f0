import { dynamoDocumentClient } from '@spendwise/lambda-kit/dynamo';
import { requireEnv } from '@spendwise/lambda-kit/env';
import { buildCatalogCopyStore } from './catalogCopyStore';

/** The copy of the catalog of a deployed function: table from EXPENSES_TABLE_NAME, built once at cold start. */
export const catalogCopyStore = buildCatalogCopyStore(dynamoDocumentClient, {
  tableName: requireEnv('EXPENSES_TABLE_NAME'),
});
