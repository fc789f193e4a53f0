import { type HttpRequest, type HttpResult, httpHandler } from '@spendwise/lambda-kit/http';
import { SubscriptionSyncError } from '../../domain/errors';
import { canonicalTypes, normaliseEmail, type Preferences } from '../../domain/preferences';
import { generateWebhookSecret } from '../../domain/signature';
import { validateWebhookUrl, type WebhookPolicy } from '../../domain/webhookUrl';
import type { PutPreferencesRequest } from '../../generated/http';
import { validatePutPreferencesRequest } from '../../generated/httpValidators';
import { presentPreferences } from '../../http/present';
import { withDomainErrors } from '../../http/problems';
import type {
  Clock,
  FindPreferences,
  RecordSubscription,
  SavePreferences,
  SubscriptionManager,
} from '../../ports';
import { reconcileSubscription } from './reconcileSubscription';

export interface PutPreferencesDependencies {
  findPreferences: FindPreferences;
  savePreferences: SavePreferences;
  recordSubscription: RecordSubscription;
  subscriptions: SubscriptionManager;
  policy: WebhookPolicy;
  now: Clock;
  newSecret?: () => string;
}

/** The preferences a request asks for, on top of the current ones (absent fields are kept). */
function desiredPreferences(
  current: Preferences,
  body: PutPreferencesRequest,
  deps: Pick<PutPreferencesDependencies, 'policy' | 'now' | 'newSecret'>,
): Preferences {
  const webhookUrl = body.webhookUrl === undefined ? current.webhookUrl : body.webhookUrl;
  if (webhookUrl !== null && webhookUrl !== current.webhookUrl) validateWebhookUrl(webhookUrl, deps.policy);
  const email = body.email === undefined ? current.email : body.email && normaliseEmail(body.email);
  const issue =
    webhookUrl !== null &&
    (webhookUrl !== current.webhookUrl ||
      body.rotateWebhookSecret === true ||
      current.webhookSecret === null);
  const newSecret = issue ? (deps.newSecret ?? generateWebhookSecret)() : null;
  const desired: Preferences = {
    ...current,
    types: canonicalTypes(body.types),
    email,
    webhookUrl,
    webhookSecret: webhookUrl === null ? null : (newSecret ?? current.webhookSecret),
    // A secret stays pending until an answer carried it: a retry after a failure still returns it.
    webhookSecretPending: webhookUrl !== null && (newSecret !== null || current.webhookSecretPending),
    // Setting the webhook again (even the same URL) re-enables it after a 410 Gone.
    webhookDisabledAt: body.webhookUrl === undefined ? current.webhookDisabledAt : null,
    syncStatus: 'pending',
    version: current.version + 1,
    updatedAt: deps.now().toISOString(),
  };
  return desired;
}

/**
 * PUT /notifications/preferences. Converges in three steps, each safe to repeat: (1) save the desired state with
 * `syncStatus: pending` (with the e-mail claim, atomically), (2) reconcile the e-mail subscription on the
 * user-alerts topic, (3) record the subscription SNS now holds. A failure after (1) answers 503 and the same
 * request completes the work. A new webhook secret is returned by every answer until one succeeds (step 3
 * records that it was shown), so the retry the 503 asks for returns it too; after that only a rotation (here
 * with `rotateWebhookSecret`, or `POST /notifications/preferences/webhook-secret`) shows a secret again.
 */
export function putPreferences(deps: PutPreferencesDependencies) {
  return withDomainErrors(async (request: HttpRequest<PutPreferencesRequest>): Promise<HttpResult> => {
    const current = await deps.findPreferences(request.userId);
    const desired = desiredPreferences(current, request.body, deps);
    const released = current.email !== null && current.email !== desired.email ? current.email : null;
    await deps.savePreferences(desired, current.version, released);
    let subscription: Preferences['subscription'];
    try {
      subscription = await reconcileSubscription(deps.subscriptions, desired, current.subscription);
    } catch (error) {
      if (error instanceof SubscriptionSyncError && desired.webhookSecretPending)
        throw new SubscriptionSyncError(error.cause, true);
      throw error;
    }
    await deps.recordSubscription(request.userId, desired.version, subscription);
    const saved: Preferences = {
      ...desired,
      subscription,
      syncStatus: 'synced',
      webhookSecretPending: false,
    };
    const secret = desired.webhookSecretPending ? desired.webhookSecret : null;
    return {
      statusCode: 200,
      headers: { 'cache-control': 'no-store' },
      body: { ...presentPreferences(saved), ...(secret ? { webhookSecret: secret } : {}) },
    };
  });
}

export const putPreferencesHandler = (deps: PutPreferencesDependencies) =>
  httpHandler(putPreferences(deps), {
    body: validatePutPreferencesRequest,
    requiredScopes: ['spendwise/notifications.write'],
  });
