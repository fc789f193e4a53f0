import { dynamoDocumentClient } from '@spendwise/lambda-kit/dynamo';
import { requireEnv } from '@spendwise/lambda-kit/env';
import { buildMonthAggregatesReader } from '../../adapters/monthAggregatesReader';
import { workflowStep } from '../../report/workflowStep';
import { loadReportData } from './loadReportData';

export const handler = workflowStep(
  loadReportData({
    loadMonthAggregates: buildMonthAggregatesReader(dynamoDocumentClient, requireEnv('INSIGHTS_TABLE_NAME')),
  }),
);
