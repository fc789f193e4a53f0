import type { AlertType } from '@spendwise/contracts';
import { ALERT_TYPES } from './alert';

/** The e-mail subscription on the user-alerts topic as it was last made (or confirmed) in SNS. */
export interface EmailSubscription {
  arn: string;
  email: string;
  types: AlertType[];
}

/** A user's notification preferences: which alert types reach the external channels, and where. */
export interface Preferences {
  userId: string;
  /** Types sent to e-mail and webhook; every type always reaches the inbox. */
  types: AlertType[];
  email: string | null;
  webhookUrl: string | null;
  /** HMAC key of webhook signatures; generated when a webhook is set or its secret rotated. */
  webhookSecret: string | null;
  /**
   * True from issuing a secret in a `PUT` until a successful answer has carried it: every `PUT` answer returns
   * the secret while this holds, so a retry after a 503 still gets it.
   */
  webhookSecretPending: boolean;
  /** Set when the receiver answered 410 Gone: no more deliveries until the webhook is set again. */
  webhookDisabledAt: string | null;
  /** What SNS holds for this user, as last recorded; reconciled towards `email` + `types` on every change. */
  subscription: EmailSubscription | null;
  /** `pending` between saving the desired state and recording the subscription that matches it. */
  syncStatus: 'synced' | 'pending';
  version: number;
  updatedAt: string | null;
}

/** What a user has before ever saving preferences: every type on, no e-mail, no webhook. */
export const defaultPreferences = (userId: string): Preferences => ({
  userId,
  types: [...ALERT_TYPES],
  email: null,
  webhookUrl: null,
  webhookSecret: null,
  webhookSecretPending: false,
  webhookDisabledAt: null,
  subscription: null,
  syncStatus: 'synced',
  version: 0,
  updatedAt: null,
});

/** E-mail addresses are compared case-insensitively (the local part too: providers treat them so). */
export const normaliseEmail = (email: string) => email.trim().toLowerCase();

/** Whether an alert of `type` goes to the user's webhook. */
export const wantsWebhook = (prefs: Preferences, type: AlertType): boolean =>
  prefs.webhookUrl !== null && prefs.webhookDisabledAt === null && prefs.types.includes(type);

/** Types in catalogue order without duplicates, so equal choices compare equal. */
export const canonicalTypes = (types: readonly AlertType[]): AlertType[] =>
  ALERT_TYPES.filter((type) => types.includes(type));

/** The subscription filter policy (MessageAttributes scope): this user's alerts of the chosen types only. */
export const filterPolicyOf = (userId: string, types: readonly AlertType[]) => ({
  userId: [userId],
  type: canonicalTypes(types),
});

/** One SNS call that brings the e-mail subscription in line with the desired preferences. */
export type SubscriptionStep =
  | { action: 'subscribe'; email: string; types: AlertType[] }
  | { action: 'setFilter'; arn: string; types: AlertType[] }
  | { action: 'unsubscribe'; arn: string };

/**
 * The SNS calls that turn the recorded subscription into the desired one, in a safe order: a new address is
 * subscribed before the old one is removed, so a failure in between leaves the user with alerts rather than none.
 * No types (or no e-mail) means no subscription: SNS refuses a filter policy with an empty list.
 */
export function planSubscription(
  desired: Pick<Preferences, 'email' | 'types'>,
  recorded: EmailSubscription | null,
): SubscriptionStep[] {
  const types = canonicalTypes(desired.types);
  const wanted = desired.email !== null && types.length > 0 ? normaliseEmail(desired.email) : null;
  if (wanted === null) return recorded ? [{ action: 'unsubscribe', arn: recorded.arn }] : [];
  if (recorded === null) return [{ action: 'subscribe', email: wanted, types }];
  if (recorded.email !== wanted)
    return [
      { action: 'subscribe', email: wanted, types },
      { action: 'unsubscribe', arn: recorded.arn },
    ];
  const same = canonicalTypes(recorded.types).join() === types.join();
  return same ? [] : [{ action: 'setFilter', arn: recorded.arn, types }];
}
