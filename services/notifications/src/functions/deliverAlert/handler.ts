import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { requireEnv } from '@spendwise/lambda-kit/env';
import { metrics } from '@spendwise/lambda-kit/observability';
import { snsClient } from '../../adapters/snsFromEnv';
import { inboxStore, preferencesStore } from '../../adapters/storesFromEnv';
import { buildUserAlertsTopic } from '../../adapters/userAlertsTopic';
import { deliverAlertHandler } from './deliverAlert';

const topic = buildUserAlertsTopic(snsClient, { topicArn: requireEnv('USER_ALERTS_TOPIC_ARN') });

export const handler = deliverAlertHandler({
  saveInboxItem: inboxStore.saveInboxItem,
  markPublished: inboxStore.markPublished,
  findPreferences: preferencesStore.findPreferences,
  publishUserAlert: topic.publishUserAlert,
  now: () => new Date(),
  onOutcome: (outcome) =>
    metrics.addMetric(outcome === 'duplicate' ? 'DuplicateAlerts' : 'AlertsDelivered', MetricUnit.Count, 1),
  idempotency: { tableName: requireEnv('IDEMPOTENCY_TABLE_NAME') },
});
