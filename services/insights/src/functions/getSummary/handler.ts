import { dynamoDocumentClient } from '@spendwise/lambda-kit/dynamo';
import { requireEnv } from '@spendwise/lambda-kit/env';
import { buildMonthAggregatesReader, buildMonthTotalsReader } from '../../adapters/monthAggregatesReader';
import { getSummaryHandler } from './getSummary';

const tableName = requireEnv('INSIGHTS_TABLE_NAME');

export const handler = getSummaryHandler({
  loadMonthAggregates: buildMonthAggregatesReader(dynamoDocumentClient, tableName),
  loadMonthTotals: buildMonthTotalsReader(dynamoDocumentClient, tableName),
});
