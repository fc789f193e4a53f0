import { dynamoDocumentClient } from '@spendwise/lambda-kit/dynamo';
import { requireEnv } from '@spendwise/lambda-kit/env';
import { observability } from '@spendwise/lambda-kit/observability';
import { buildReportStore } from '../../report/adapters/reportStore';
import { powertoolsMetric, workflowStep } from '../../report/workflowStep';
import { markReportFailed } from './markReportFailed';

const store = buildReportStore(dynamoDocumentClient, { tableName: requireEnv('INSIGHTS_TABLE_NAME') });

export const handler = workflowStep(
  markReportFailed({
    findReport: store.findReport,
    finishReport: store.finishReport,
    now: () => new Date(),
    recordMetric: powertoolsMetric(observability),
  }),
);
