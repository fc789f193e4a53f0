import type { AlertType, EventEnvelope } from '@spendwise/contracts';
import type { Alert } from './domain/alert';
import type { OpsAlert } from './domain/opsAlert';
import type { EmailSubscription, Preferences } from './domain/preferences';

/** An inbox item as stored and listed. */
export interface InboxItem extends Alert {
  createdAt: string;
  readAt: string | null;
}

/**
 * Writes an alert to the inbox, counts it as unread and puts the outbox record of `delivered` (its
 * NotificationDelivered event), in one transaction, unless an item with its id already exists: then nothing is
 * written. Returns whether this call created the item and when its alert was handed to the user-alerts
 * topic (`MarkPublished`; null for a new item and for one whose publish has not succeeded yet).
 */
export type SaveInboxItem = (
  alert: Alert,
  now: Date,
  delivered: EventEnvelope,
) => Promise<{ created: boolean; publishedAt: string | null }>;

/** Records that the alert reached the user-alerts topic (so a redelivery or a replay does not publish it again). */
export type MarkPublished = (userId: string, notificationId: string, now: Date) => Promise<void>;

export interface InboxPage {
  items: InboxItem[];
  nextCursor?: string;
  unreadCount: number;
}

/** One page of the owner's inbox, newest first (by when the insight happened), with the unread count. */
export type ListInbox = (query: {
  userId: string;
  limit: number;
  unreadOnly: boolean;
  cursor?: string;
}) => Promise<InboxPage>;

/**
 * Marks one item read; decrements the unread count only on the unread → read transition. Returns false when the
 * owner has no such item.
 */
export type MarkRead = (userId: string, notificationId: string, now: Date) => Promise<boolean>;

/** Marks up to `limit` unread items read; returns how many changed and whether unread ones remain. */
export type MarkAllRead = (
  userId: string,
  now: Date,
  limit: number,
) => Promise<{ marked: number; more: boolean }>;

/** The owner's preferences, or the defaults. */
export type FindPreferences = (userId: string) => Promise<Preferences>;

/**
 * Saves desired preferences at `prefs.version` if the stored ones are still at `expectedVersion` (else
 * PreferencesChangedError), claiming the e-mail address for this user (EmailInUseError when another user holds
 * it) and releasing `releasedEmail`.
 */
export type SavePreferences = (
  prefs: Preferences,
  expectedVersion: number,
  releasedEmail: string | null,
) => Promise<void>;

/**
 * Records the subscription SNS now holds, and that the webhook secret is no longer pending (the answer that
 * carries it follows), if the preferences are still at `version` (else a newer save owns it).
 */
export type RecordSubscription = (
  userId: string,
  version: number,
  subscription: EmailSubscription | null,
) => Promise<boolean>;

/**
 * Replaces the webhook secret of preferences still at `expected.version` with `expected.webhookUrl` (else
 * PreferencesChangedError), as a new version that has shown the secret; returns the saved preferences.
 */
export type ReplaceWebhookSecret = (
  expected: Pick<Preferences, 'userId' | 'version' | 'webhookUrl'>,
  secret: string,
  now: Date,
) => Promise<Preferences>;

/** Stops webhook deliveries after the receiver said 410 Gone, if the webhook is still `webhookUrl`. */
export type DisableWebhook = (userId: string, webhookUrl: string, now: Date) => Promise<void>;

/** The SNS calls on the user-alerts topic that manage a user's e-mail subscription. */
export interface SubscriptionManager {
  /** Subscribes an address with this user's filter policy; idempotent for the same address and policy. */
  subscribe: (userId: string, email: string, types: AlertType[]) => Promise<string>;
  setFilter: (arn: string, userId: string, types: AlertType[]) => Promise<void>;
  /** Removes a subscription; an already-removed one is not an error. */
  unsubscribe: (arn: string) => Promise<void>;
}

/** Publishes an alert to the user-alerts topic with its filterable attributes. */
export type PublishUserAlert = (alert: Alert, channels: { webhook: boolean }) => Promise<void>;

/** Publishes an ops alert to the ops-alerts topic. */
export type PublishOpsAlert = (alert: OpsAlert) => Promise<void>;

/**
 * Claims the right to alert on `causeKey` for `windowSeconds` (see `mayAlert`): true when the alert should be
 * sent, false when the same cause was alerted within the window.
 */
export type ClaimOpsCause = (alert: OpsAlert, now: Date, windowSeconds: number) => Promise<boolean>;

/**
 * Resolves a host name to every address a connection could use (a port so tests can fake DNS); rejects when
 * `signal` aborts first.
 */
export type ResolveHost = (hostname: string, signal?: AbortSignal) => Promise<string[]>;

/**
 * POSTs a webhook body to a pinned address; resolves with the status once the whole answer is read, rejects on
 * network errors or when `signal` aborts (the delivery's deadline, over connect, headers and body).
 */
export type PostWebhook = (request: {
  url: URL;
  address: string;
  body: string;
  headers: Record<string, string>;
  signal: AbortSignal;
}) => Promise<{ status: number }>;

export type Clock = () => Date;
