// Generated from services/notifications/src/http/schemas/*.schema.json by scripts/gen-contracts.ts. Do not edit: change the schemas and run `pnpm gen`.
import type { AlertType } from '@spendwise/contracts';

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
 * Path parameters of /notifications/{id}/read.
 */
export interface NotificationIdPath {
  /**
   * Id of an inbox item
   */
  id: string;
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
