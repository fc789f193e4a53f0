import { type HttpResult, httpHandler } from '@spendwise/lambda-kit/http';
import { WebhookNotSetError } from '../../domain/errors';
import { generateWebhookSecret } from '../../domain/signature';
import { presentPreferences } from '../../http/present';
import { withDomainErrors } from '../../http/problems';
import type { Clock, FindPreferences, ReplaceWebhookSecret } from '../../ports';

export interface RotateWebhookSecretDependencies {
  findPreferences: FindPreferences;
  replaceWebhookSecret: ReplaceWebhookSecret;
  now: Clock;
  newSecret?: () => string;
}

/**
 * POST /notifications/preferences/webhook-secret: issues a new signing secret for the caller's webhook and
 * returns it (the only answer that shows it). One conditional write, so the call either rotates and answers or
 * changes nothing; a client that lost the answer calls it again. Deliveries from then on are signed with the new
 * secret. 409 `WEBHOOK_NOT_SET` without a webhook, 409 `PREFERENCES_CHANGED` when a `PUT` raced it.
 */
export function rotateWebhookSecret(deps: RotateWebhookSecretDependencies) {
  return withDomainErrors(async (request: { userId: string }): Promise<HttpResult> => {
    const current = await deps.findPreferences(request.userId);
    if (current.webhookUrl === null) throw new WebhookNotSetError();
    const secret = (deps.newSecret ?? generateWebhookSecret)();
    const saved = await deps.replaceWebhookSecret(current, secret, deps.now());
    return {
      statusCode: 200,
      headers: { 'cache-control': 'no-store' },
      body: { ...presentPreferences(saved), webhookSecret: secret },
    };
  });
}

export const rotateWebhookSecretHandler = (deps: RotateWebhookSecretDependencies) =>
  httpHandler(rotateWebhookSecret(deps), { requiredScopes: ['spendwise/notifications.write'] });
