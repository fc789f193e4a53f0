import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { intEnv, optionalEnv, requireEnv } from '@spendwise/lambda-kit/env';
import { logger, metrics } from '@spendwise/lambda-kit/observability';
import { preferencesStore } from '../../adapters/storesFromEnv';
import { buildWebhookPoster, resolveHost } from '../../adapters/webhookHttp';
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
  post: buildWebhookPoster({ timeoutMs: intEnv('WEBHOOK_TIMEOUT_MS', 5000) }),
  policy: {
    allowInsecure: optionalEnv('WEBHOOK_ALLOW_INSECURE', 'false') === 'true',
    allowPrivateNetworks: optionalEnv('WEBHOOK_ALLOW_PRIVATE_NETWORKS', 'false') === 'true',
  },
  now: () => new Date(),
  onOutcome: (outcome, message) => {
    metrics.addMetric(METRIC[outcome], MetricUnit.Count, 1);
    if (outcome === 'refused')
      logger.warn('Webhook refused: not a public address', { userId: message.userId });
  },
  idempotency: { tableName: requireEnv('IDEMPOTENCY_TABLE_NAME') },
});
