import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { intEnv, requireEnv } from '@spendwise/lambda-kit/env';
import { logger, metrics } from '@spendwise/lambda-kit/observability';
import { preferencesStore } from '../../adapters/storesFromEnv';
import { postWebhook, resolveHost } from '../../adapters/webhookHttp';
import { webhookPolicyFromEnv } from '../../adapters/webhookPolicyFromEnv';
import { deliverWebhookHandler, type WebhookOutcome } from './deliverWebhook';

const METRIC: Record<WebhookOutcome, string> = {
  delivered: 'WebhooksDelivered',
  gone: 'WebhooksGone',
  'not-wanted': 'WebhooksSkipped',
  refused: 'WebhooksRefused',
};

export const handler = deliverWebhookHandler({
  findPreferences: preferencesStore.findPreferences,
  disableWebhook: preferencesStore.disableWebhook,
  resolveHost,
  post: postWebhook,
  policy: webhookPolicyFromEnv(),
  deadlineMs: intEnv('WEBHOOK_DEADLINE_MS', 5000),
  now: () => new Date(),
  onOutcome: (outcome, message) => {
    metrics.addMetric(METRIC[outcome], MetricUnit.Count, 1);
    if (outcome === 'refused')
      logger.warn('Webhook refused: not an allowed address or port', {
        userId: message.userId,
        notificationId: message.id,
      });
  },
  idempotency: { tableName: requireEnv('IDEMPOTENCY_TABLE_NAME') },
});
