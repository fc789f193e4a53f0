import { dynamoDocumentClient } from '@spendwise/lambda-kit/dynamo';
import { requireEnv } from '@spendwise/lambda-kit/env';
import { buildReceiptStore } from './receiptStore';

/** The receipt store of a deployed function: table from EXPENSES_TABLE_NAME, built once at cold start. */
export const receiptStore = buildReceiptStore(dynamoDocumentClient, {
  tableName: requireEnv('EXPENSES_TABLE_NAME'),
});
