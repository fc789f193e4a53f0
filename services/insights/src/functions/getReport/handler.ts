import { dynamoDocumentClient } from '@spendwise/lambda-kit/dynamo';
import { requireEnv } from '@spendwise/lambda-kit/env';
import { buildReportStore } from '../../report/adapters/reportStore';
import { getReportHandler } from './getReport';

const store = buildReportStore(dynamoDocumentClient, { tableName: requireEnv('INSIGHTS_TABLE_NAME') });

export const handler = getReportHandler({ findReport: store.findReport });
