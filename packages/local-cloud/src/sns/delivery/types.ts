import type { LocalCloud } from '../../core/context';
import type { PublishedMessage, Subscription } from '../model';
import type { NotificationUrls } from '../notification';

/** What a delivery needs besides the message: the running cloud, URLs and local settings. */
export interface DeliveryEnv {
  ctx: LocalCloud;
  urls: NotificationUrls;
  /** Folder the e-mail outbox writes `.eml` files to. */
  outboxDir: string;
  /** Retries after a failed HTTP/S attempt, and the pause between them. */
  httpRetries: number;
  httpRetryDelayMs: number;
  /** Milliseconds before an HTTP/S attempt is abandoned. */
  httpTimeoutMs: number;
}

/** Delivers one message to one subscription; rejects when the endpoint did not take it. */
export type Deliver = (
  message: PublishedMessage,
  subscription: Subscription,
  env: DeliveryEnv,
) => Promise<void>;

/** The endpoint refused or could not be reached; the message goes to the subscription's DLQ if it has one. */
export class DeliveryFailedError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'DeliveryFailedError';
  }
}
