// Generated from services/notifications/src/http/schemas/*.schema.json by scripts/gen-contracts.ts. Do not edit: change the schemas and run `pnpm gen`.
import type { AlertType, Severity } from '@spendwise/contracts';

/**
 * Query string of GET /notifications. Values arrive as strings.
 */
export interface ListNotificationsQuery {
  /**
   * Page size, 1 to 100 (default 20)
   */
  limit?: string;
  cursor?: string;
  /**
   * true: unread items only
   */
  unread?: 'true' | 'false';
}

/**
 * POST /notifications/read-all: how many items were marked read, and whether unread ones remain (call again).
 */
export interface MarkAllReadResponse {
  marked: number;
  more: boolean;
}

/**
 * Path parameters of /notifications/{id}/read.
 */
export interface NotificationIdPath {
  /**
   * Id of an inbox item
   */
  id: string;
}

/**
 * GET /notifications: the caller's inbox, newest first, with the unread count; nextCursor while more remain.
 */
export interface NotificationPageResponse {
  items: Notification[];
  unreadCount: number;
  nextCursor?: string;
}
export interface Notification {
  id: string;
  type: AlertType;
  severity: Severity;
  title: string;
  message: string;
  occurredAt: string;
  createdAt: string;
  read: boolean;
  readAt: string | null;
  /**
   * The source event's data, for clients that render their own text
   */
  data: {};
}

/**
 * The caller's notification preferences. webhookSecret appears only in the answer that issued it (PUT with a new webhook or rotateWebhookSecret, or POST .../webhook-secret): store it then.
 */
export interface PreferencesResponse {
  types: AlertType[];
  email: string | null;
  emailSubscribed: boolean;
  webhookUrl: string | null;
  /**
   * true after the receiver answered 410 Gone: set the webhook again
   */
  webhookDisabled: boolean;
  syncStatus: 'synced' | 'pending';
  version: number;
  updatedAt: string | null;
  /**
   * HMAC key of webhook signatures, shown once
   */
  webhookSecret?: string;
}

/**
 * Body of PUT /notifications/preferences. Every alert always reaches the inbox; `types` chooses which ones also go to e-mail and the webhook. An absent `email` or `webhookUrl` keeps the current one; null removes it.
 */
export interface PutPreferencesRequest {
  /**
   * @maxItems 4
   */
  types: AlertType[];
  /**
   * Where e-mail alerts go (SNS asks the address to confirm the subscription once)
   */
  email?: string | null;
  /**
   * HTTPS endpoint that receives signed alert deliveries
   */
  webhookUrl?: string | null;
  /**
   * true: issue a new signing secret for the current webhook, returned in this response (or, after a 503, in the retry's); POST /notifications/preferences/webhook-secret does the same alone
   */
  rotateWebhookSecret?: boolean;
}
