import { dynamoDocumentClient } from '@spendwise/lambda-kit/dynamo';
import { requireEnv } from '@spendwise/lambda-kit/env';
import { buildExpenseStore } from './expenseStore';

/** The expense store of a deployed function: table from EXPENSES_TABLE_NAME, built once at cold start. */
export const expenseStore = buildExpenseStore(dynamoDocumentClient, {
  tableName: requireEnv('EXPENSES_TABLE_NAME'),
});
