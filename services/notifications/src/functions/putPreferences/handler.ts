import { requireEnv } from '@spendwise/lambda-kit/env';
import { snsClient } from '../../adapters/snsFromEnv';
import { preferencesStore } from '../../adapters/storesFromEnv';
import { buildUserAlertsTopic } from '../../adapters/userAlertsTopic';
import { webhookPolicyFromEnv } from '../../adapters/webhookPolicyFromEnv';
import { putPreferencesHandler } from './putPreferences';

const topic = buildUserAlertsTopic(snsClient, { topicArn: requireEnv('USER_ALERTS_TOPIC_ARN') });

export const handler = putPreferencesHandler({
  ...preferencesStore,
  subscriptions: topic.subscriptions,
  policy: webhookPolicyFromEnv(),
  now: () => new Date(),
});
