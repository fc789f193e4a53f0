import { HttpProblemError, mapErrors } from '@spendwise/lambda-kit/http';
import {
  EmailInUseError,
  InvalidWebhookUrlError,
  NotificationNotFoundError,
  PreferencesChangedError,
  SubscriptionSyncError,
  WebhookNotSetError,
} from '../domain/errors';

/** The route that issues a new webhook secret (and returns it), for problems that point to it. */
export const ROTATE_WEBHOOK_SECRET_ROUTE = 'POST /notifications/preferences/webhook-secret';

/** Translates the service's domain errors into HTTP problems; anything else passes through untouched. */
export function asHttpProblem(error: unknown): unknown {
  if (error instanceof NotificationNotFoundError)
    return new HttpProblemError(404, 'NOTIFICATION_NOT_FOUND', `No notification ${error.notificationId}`);
  if (error instanceof InvalidWebhookUrlError)
    return new HttpProblemError(400, 'INVALID_WEBHOOK_URL', `The webhook URL is refused: ${error.reason}`, {
      rule: error.rule,
      errors: [{ path: '/body/webhookUrl', message: error.reason }],
    });
  if (error instanceof EmailInUseError)
    return new HttpProblemError(
      409,
      'EMAIL_IN_USE',
      'This e-mail address already receives alerts of another account',
    );
  if (error instanceof PreferencesChangedError)
    return new HttpProblemError(
      409,
      'PREFERENCES_CHANGED',
      'The preferences changed meanwhile; read them and retry',
    );
  if (error instanceof SubscriptionSyncError)
    return new HttpProblemError(
      503,
      'SUBSCRIPTION_SYNC_PENDING',
      error.webhookSecretPending
        ? 'Your preferences are saved, but the e-mail subscription could not be updated yet; send the same request again: its answer carries the new webhook secret'
        : 'Your preferences are saved, but the e-mail subscription could not be updated yet; send the same request again',
      {
        webhookSecretPending: error.webhookSecretPending,
        // A client that cannot repeat the request (or lost the answer that carried the secret) rotates it.
        rotateWebhookSecret: ROTATE_WEBHOOK_SECRET_ROUTE,
      },
      { headers: { 'retry-after': '5' }, cause: error },
    );
  if (error instanceof WebhookNotSetError)
    return new HttpProblemError(
      409,
      'WEBHOOK_NOT_SET',
      'There is no webhook: set webhookUrl with PUT /notifications/preferences first',
    );
  return error;
}

/** Wraps a use case so that domain errors reach the client as problems. */
export const withDomainErrors = mapErrors(asHttpProblem);
