import { preferencesStore } from '../../adapters/storesFromEnv';
import { rotateWebhookSecretHandler } from './rotateWebhookSecret';

export const handler = rotateWebhookSecretHandler({
  findPreferences: preferencesStore.findPreferences,
  replaceWebhookSecret: preferencesStore.replaceWebhookSecret,
  now: () => new Date(),
});
