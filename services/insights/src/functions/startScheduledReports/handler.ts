import { SFNClient } from '@aws-sdk/client-sfn';
import { dynamoDocumentClient } from '@spendwise/lambda-kit/dynamo';
import { requireEnv } from '@spendwise/lambda-kit/env';
import { traceClient } from '@spendwise/lambda-kit/observability';
import { buildActiveUsersReader } from '../../adapters/monthAggregatesReader';
import { buildReportStore } from '../../report/adapters/reportStore';
import { buildReportWorkflow } from '../../report/adapters/reportWorkflow';
import { workflowStep } from '../../report/workflowStep';
import { startScheduledReports } from './startScheduledReports';

const tableName = requireEnv('INSIGHTS_TABLE_NAME');
const store = buildReportStore(dynamoDocumentClient, { tableName });

export const handler = workflowStep(
  startScheduledReports({
    listActiveUsers: buildActiveUsersReader(dynamoDocumentClient, tableName),
    savePendingReport: store.savePendingReport,
    removePendingReport: store.removePendingReport,
    startReportWorkflow: buildReportWorkflow(traceClient(new SFNClient({})), {
      stateMachineArn: requireEnv('REPORT_STATE_MACHINE_ARN'),
    }),
    now: () => new Date(),
  }),
);
