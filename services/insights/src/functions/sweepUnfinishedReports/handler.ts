import { SFNClient } from '@aws-sdk/client-sfn';
import { dynamoDocumentClient } from '@spendwise/lambda-kit/dynamo';
import { requireEnv } from '@spendwise/lambda-kit/env';
import { observability, traceClient } from '@spendwise/lambda-kit/observability';
import { buildReportStore } from '../../report/adapters/reportStore';
import { buildEndedExecutions } from '../../report/adapters/reportWorkflow';
import { powertoolsMetric, workflowStep } from '../../report/workflowStep';
import { markReportFailed } from '../markReportFailed/markReportFailed';
import { sweepUnfinishedReports } from './sweepUnfinishedReports';

const store = buildReportStore(dynamoDocumentClient, { tableName: requireEnv('INSIGHTS_TABLE_NAME') });
const now = () => new Date();
const recordMetric = powertoolsMetric(observability);

export const handler = workflowStep(
  sweepUnfinishedReports({
    listEndedExecutions: buildEndedExecutions(traceClient(new SFNClient({})), {
      stateMachineArn: requireEnv('REPORT_STATE_MACHINE_ARN'),
    }),
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
