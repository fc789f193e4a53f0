/** No inbox item with this id for this owner (another owner's item is indistinguishable from none). */
export class NotificationNotFoundError extends Error {
  constructor(readonly notificationId: string) {
    super(`Notification ${notificationId} was not found`);
    this.name = 'NotificationNotFoundError';
  }
}

/** Which rule a refused webhook URL broke, for clients to act on. */
export type WebhookUrlRule = 'invalid' | 'port-not-allowed';

/** A webhook URL that Spendwise refuses to call; `reason` is safe to show to the caller. */
export class InvalidWebhookUrlError extends Error {
  constructor(
    readonly reason: string,
    readonly rule: WebhookUrlRule = 'invalid',
  ) {
    super(`Webhook URL refused: ${reason}`);
    this.name = 'InvalidWebhookUrlError';
  }
}

/** Another user's preferences already use this e-mail address for alerts. */
export class EmailInUseError extends Error {
  constructor() {
    super('The e-mail address receives another account’s alerts');
    this.name = 'EmailInUseError';
  }
}

/** The preferences changed between reading and writing them (a concurrent update by the same user). */
export class PreferencesChangedError extends Error {
  constructor() {
    super('The preferences changed while they were being saved');
    this.name = 'PreferencesChangedError';
  }
}

/**
 * The desired preferences were saved, but the e-mail subscription could not be brought in line yet.
 * `webhookSecretPending`: the saved preferences hold a webhook secret no answer has shown yet.
 */
export class SubscriptionSyncError extends Error {
  constructor(
    cause: unknown,
    readonly webhookSecretPending = false,
  ) {
    super('The e-mail subscription could not be updated', { cause });
    this.name = 'SubscriptionSyncError';
  }
}

/** A webhook secret was asked for, but the user has no webhook. */
export class WebhookNotSetError extends Error {
  constructor() {
    super('There is no webhook to rotate the secret of');
    this.name = 'WebhookNotSetError';
  }
}
