import { dynamoDocumentClient } from '@spendwise/lambda-kit/dynamo';
import { requireEnv } from '@spendwise/lambda-kit/env';
import { observability } from '@spendwise/lambda-kit/observability';
import { buildReportStore } from '../../report/adapters/reportStore';
import { powertoolsMetric, workflowStep } from '../../report/workflowStep';
import { markReportFailed } from '../markReportFailed/markReportFailed';
import { sweepUnfinishedReports } from './sweepUnfinishedReports';

const store = buildReportStore(dynamoDocumentClient, { tableName: requireEnv('INSIGHTS_TABLE_NAME') });
const now = () => new Date();
const recordMetric = powertoolsMetric(observability);

export const handler = workflowStep(
  sweepUnfinishedReports({
    listReportsPendingSince: store.listReportsPendingSince,
    findReport: store.findReport,
    markReportFailed: markReportFailed({
      findReport: store.findReport,
      finishReport: store.finishReport,
      now,
      recordMetric,
    }),
    now,
    recordMetric,
  }),
);
