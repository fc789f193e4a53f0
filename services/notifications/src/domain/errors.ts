/** No inbox item with this id for this owner (another owner's item is indistinguishable from none). */
export class NotificationNotFoundError extends Error {
  constructor(readonly notificationId: string) {
    super(`Notification ${notificationId} was not found`);
    this.name = 'NotificationNotFoundError';
  }
}

/** A webhook URL that Spendwise refuses to call; `reason` is safe to show to the caller. */
export class InvalidWebhookUrlError extends Error {
  constructor(readonly reason: string) {
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

/** The desired preferences were saved, but the e-mail subscription could not be brought in line yet. */
export class SubscriptionSyncError extends Error {
  constructor(cause: unknown) {
    super('The e-mail subscription could not be updated', { cause });
    this.name = 'SubscriptionSyncError';
  }
}
