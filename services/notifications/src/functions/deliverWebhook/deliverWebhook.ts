import type { AlertType, Severity } from '@spendwise/contracts';
import {
  type IdempotencyOptions,
  type RecordMeta,
  type SqsEventConsumer,
  sqsEventConsumer,
} from '@spendwise/lambda-kit/sqs';
import type { SQSRecord } from 'aws-lambda';
import { ALERT_TYPES } from '../../domain/alert';
import { InvalidWebhookUrlError } from '../../domain/errors';
import { ipVersionOf, unbracket } from '../../domain/network';
import { wantsWebhook } from '../../domain/preferences';
import { EVENT_ID_HEADER, SIGNATURE_HEADER, signWebhook } from '../../domain/signature';
import { assertPublicResolution, validateWebhookUrl, type WebhookPolicy } from '../../domain/webhookUrl';
import type { Clock, DisableWebhook, FindPreferences, PostWebhook, ResolveHost } from '../../ports';

/** An alert as the user-alerts topic hands it to the webhook queue (see `topicMessage`). */
export interface WebhookMessage {
  id: string;
  userId: string;
  sourceEventId: string;
  type: AlertType;
  severity: Severity;
  title: string;
  message: string;
  occurredAt: string;
  data: Record<string, unknown>;
}

/** The webhook message in the shape the SQS consumer stack de-duplicates on. */
export interface WebhookDelivery {
  detail: { metadata: { eventId: string; correlationId?: string } };
  message: WebhookMessage;
}

export type WebhookOutcome = 'delivered' | 'gone' | 'not-wanted' | 'refused';

/** The receiver answered something other than 2xx or 410: the record is retried, then dead-lettered. */
export class WebhookDeliveryError extends Error {
  constructor(readonly status: number) {
    super(`The webhook receiver answered ${status}`);
    this.name = 'WebhookDeliveryError';
  }
}

export interface DeliverWebhookDependencies {
  findPreferences: FindPreferences;
  disableWebhook: DisableWebhook;
  resolveHost: ResolveHost;
  post: PostWebhook;
  policy: WebhookPolicy;
  now: Clock;
  /**
   * The whole delivery's deadline in milliseconds (WEBHOOK_DEADLINE_MS): resolving the host, connecting, sending
   * and reading the answer. Cut shorter when the invocation has less time left (see `deliveryDeadlineMs`).
   */
  deadlineMs: number;
  /** Told about every handled message (metrics, and a warning log for refused ones). */
  onOutcome?: (outcome: WebhookOutcome, message: WebhookMessage) => void;
}

/** Reads the SNS raw message; anything else throws, which the consumer stack reports as poison (→ DLQ). */
export function parseWebhookRecord(record: Pick<SQSRecord, 'body' | 'messageId'>): WebhookDelivery {
  const message = JSON.parse(record.body) as WebhookMessage;
  const valid =
    typeof message === 'object' &&
    message !== null &&
    typeof message.id === 'string' &&
    typeof message.userId === 'string' &&
    ALERT_TYPES.includes(message.type) &&
    typeof message.title === 'string';
  if (!valid) throw new Error(`SQS message ${record.messageId} is not an alert message`);
  return { detail: { metadata: { eventId: message.id, correlationId: message.sourceEventId } }, message };
}

/** The JSON body receivers get: the alert without Spendwise-internal fields. */
export const webhookBody = ({ userId: _user, sourceEventId: _source, ...alert }: WebhookMessage) =>
  JSON.stringify(alert);

/** Time kept back from the invocation's remaining time for the record's own bookkeeping after the POST. */
export const DEADLINE_RESERVE_MS = 1_000;

/**
 * How long one delivery may take: the configured deadline, or less when the invocation would time out first
 * (a timed-out invocation fails every record of its batch, the delivered ones too).
 */
export const deliveryDeadlineMs = (configuredMs: number, remainingMs: number | undefined): number =>
  Math.min(configuredMs, (remainingMs ?? Number.POSITIVE_INFINITY) - DEADLINE_RESERVE_MS);

/** The invocation has no time left for a delivery: the record is retried, like a timeout. */
export class NoTimeLeftError extends Error {
  constructor() {
    super('Too little of the invocation is left for a webhook delivery');
    this.name = 'NoTimeLeftError';
  }
}

/**
 * Delivers one alert to the user's webhook as it is configured now: re-validates the URL, resolves the host and
 * refuses non-public answers (DNS rebinding), POSTs to exactly the checked address with a signature, and
 * disables the webhook on 410 Gone. Everything from resolving the host to reading the answer runs under one
 * deadline (`AbortSignal.timeout`). Other non-2xx answers, network errors and a passed deadline throw, so SQS
 * retries the record after its visibility timeout and dead-letters it after three receives.
 */
export function deliverWebhook(deps: DeliverWebhookDependencies) {
  const attempt = async ({ message }: WebhookDelivery, meta?: RecordMeta): Promise<WebhookOutcome> => {
    const prefs = await deps.findPreferences(message.userId);
    if (!wantsWebhook(prefs, message.type) || !prefs.webhookUrl || !prefs.webhookSecret) return 'not-wanted';
    const deadlineMs = deliveryDeadlineMs(deps.deadlineMs, meta?.context?.getRemainingTimeInMillis?.());
    if (deadlineMs <= 0) throw new NoTimeLeftError();
    const signal = AbortSignal.timeout(deadlineMs);
    let address: string;
    let url: URL;
    try {
      url = validateWebhookUrl(prefs.webhookUrl, deps.policy);
      const host = unbracket(url.hostname);
      const addresses = ipVersionOf(host) === 0 ? await deps.resolveHost(host, signal) : [host];
      assertPublicResolution(addresses, deps.policy);
      address = addresses[0]!;
    } catch (error) {
      if (error instanceof InvalidWebhookUrlError) return 'refused';
      throw error;
    }
    const body = webhookBody(message);
    const { status } = await deps.post({
      url,
      address,
      body,
      signal,
      headers: {
        'content-type': 'application/json',
        'user-agent': 'Spendwise-Webhooks/1',
        [SIGNATURE_HEADER]: signWebhook(body, prefs.webhookSecret, deps.now()),
        [EVENT_ID_HEADER]: message.id,
      },
    });
    if (status === 410) {
      await deps.disableWebhook(message.userId, prefs.webhookUrl, deps.now());
      return 'gone';
    }
    if (status < 200 || status > 299) throw new WebhookDeliveryError(status);
    return 'delivered';
  };
  return async (delivery: WebhookDelivery, meta?: RecordMeta) => {
    const outcome = await attempt(delivery, meta);
    deps.onOutcome?.(outcome, delivery.message);
    return { outcome };
  };
}

/**
 * The SQS consumer of the webhook-deliveries queue. The records of a batch are delivered concurrently, each
 * under its own deadline, so a slow receiver costs the batch one deadline and fails only its own record.
 */
export const deliverWebhookHandler = (
  deps: DeliverWebhookDependencies & { idempotency: IdempotencyOptions | false },
): SqsEventConsumer =>
  sqsEventConsumer({
    parse: parseWebhookRecord,
    handle: deliverWebhook(deps),
    idempotency: deps.idempotency,
    processInParallel: true,
  });
