import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { dynamoDocumentClient } from '@spendwise/lambda-kit/dynamo';
import { intEnv, optionalEnv, requireEnv } from '@spendwise/lambda-kit/env';
import { logger, metrics } from '@spendwise/lambda-kit/observability';
import { buildOpsAlertsTopic } from '../../adapters/opsAlertsTopic';
import { buildOpsDedupStore } from '../../adapters/opsDedupStore';
import { snsClient } from '../../adapters/snsFromEnv';
import { type OpsOutcome, routeOpsAlertHandler } from './routeOpsAlert';

const dedup = buildOpsDedupStore(dynamoDocumentClient, { tableName: requireEnv('NOTIFICATIONS_TABLE_NAME') });
const topic = buildOpsAlertsTopic(snsClient, { topicArn: requireEnv('OPS_ALERTS_TOPIC_ARN') });

const METRIC: Record<OpsOutcome, string> = {
  sent: 'OpsAlertsSent',
  suppressed: 'OpsAlertsSuppressed',
  ignored: 'OpsSignalsIgnored',
};

export const handler = routeOpsAlertHandler({
  claimOpsCause: dedup.claimOpsCause,
  publishOpsAlert: topic.publishOpsAlert,
  now: () => new Date(),
  windowSeconds: intEnv('OPS_DEDUP_WINDOW_SECONDS', 900),
  runbookBase: optionalEnv('RUNBOOK_BASE_URL', 'https://github.com/spendwise/spendwise/blob/main/'),
  onOutcome: (outcome, alert) => {
    metrics.addMetric(METRIC[outcome], MetricUnit.Count, 1);
    if (outcome === 'suppressed') logger.info('Repeated ops alert suppressed', { causeKey: alert?.causeKey });
  },
});
