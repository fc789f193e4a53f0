import { SFNClient } from '@aws-sdk/client-sfn';
import { dynamoDocumentClient } from '@spendwise/lambda-kit/dynamo';
import { requireEnv } from '@spendwise/lambda-kit/env';
import { traceClient } from '@spendwise/lambda-kit/observability';
import { buildReportStore } from '../../report/adapters/reportStore';
import { buildReportWorkflow } from '../../report/adapters/reportWorkflow';
import { dailyLimitFromEnv, requestReportHandler } from './requestReport';

const store = buildReportStore(dynamoDocumentClient, { tableName: requireEnv('INSIGHTS_TABLE_NAME') });
const startReportWorkflow = buildReportWorkflow(traceClient(new SFNClient({})), {
  stateMachineArn: requireEnv('REPORT_STATE_MACHINE_ARN'),
});

export const handler = requestReportHandler({
  reserveReport: store.reserveReport,
  dailyLimit: dailyLimitFromEnv(process.env.REPORT_DAILY_LIMIT),
  discardPendingReport: store.discardPendingReport,
  startReportWorkflow,
  now: () => new Date(),
});
