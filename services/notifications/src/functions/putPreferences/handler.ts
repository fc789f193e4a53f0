import { optionalEnv, requireEnv } from '@spendwise/lambda-kit/env';
import { snsClient } from '../../adapters/snsFromEnv';
import { preferencesStore } from '../../adapters/storesFromEnv';
import { buildUserAlertsTopic } from '../../adapters/userAlertsTopic';
import { putPreferencesHandler } from './putPreferences';

const topic = buildUserAlertsTopic(snsClient, { topicArn: requireEnv('USER_ALERTS_TOPIC_ARN') });

export const handler = putPreferencesHandler({
  ...preferencesStore,
  subscriptions: topic.subscriptions,
  policy: {
    allowInsecure: optionalEnv('WEBHOOK_ALLOW_INSECURE', 'false') === 'true',
    allowPrivateNetworks: optionalEnv('WEBHOOK_ALLOW_PRIVATE_NETWORKS', 'false') === 'true',
  },
  now: () => new Date(),
});
