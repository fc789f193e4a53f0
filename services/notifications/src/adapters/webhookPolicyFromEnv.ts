import { optionalEnv } from '@spendwise/lambda-kit/env';
import { parseAllowedPorts, type WebhookPolicy } from '../domain/webhookUrl';

/**
 * The stage's webhook policy from WEBHOOK_ALLOW_INSECURE, WEBHOOK_ALLOW_PRIVATE_NETWORKS and
 * WEBHOOK_ALLOWED_PORTS, read once at cold start; the same for saving a URL and for delivering to it.
 */
export function webhookPolicyFromEnv(): WebhookPolicy {
  const allowedPorts = parseAllowedPorts(optionalEnv('WEBHOOK_ALLOWED_PORTS', 'standard'));
  return {
    allowInsecure: optionalEnv('WEBHOOK_ALLOW_INSECURE', 'false') === 'true',
    allowPrivateNetworks: optionalEnv('WEBHOOK_ALLOW_PRIVATE_NETWORKS', 'false') === 'true',
    ...(allowedPorts === undefined ? {} : { allowedPorts }),
  };
}
