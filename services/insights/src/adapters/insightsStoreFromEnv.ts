import { dynamoDocumentClient } from '@spendwise/lambda-kit/dynamo';
import { requireEnv } from '@spendwise/lambda-kit/env';
import { buildInsightsStore } from './insightsStore';

/** The insights store of a deployed function: table from INSIGHTS_TABLE_NAME, built once at cold start. */
export const insightsStore = buildInsightsStore(dynamoDocumentClient, {
  tableName: requireEnv('INSIGHTS_TABLE_NAME'),
});
