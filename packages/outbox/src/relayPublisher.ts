import { EventBridgeClient, type EventBridgeClientConfig } from '@aws-sdk/client-eventbridge';
import { buildEventPublisher, type EventPublisher } from '@spendwise/contracts';

/** Sends of one event before the relay gives up on it (the publisher's default). */
export const RELAY_PUBLISH_ATTEMPTS = 4;

/**
 * The EventBridge client outbox publishing uses, with the SDK's own retries switched off (`maxAttempts: 1`).
 *
 * One retry layer, the publisher's: PutEvents answers 200 with `FailedEntryCount` when some entries fail, and only
 * the publisher sees those and resends just the failed entries, with its exponential backoff and full jitter. The
 * SDK's retry strategy sees only whole-call failures (throttling, 5xx, network) and would resend every entry of
 * the batch; left on (3 attempts by default) it multiplies the publisher's 4 sends into up to 12 calls per failed
 * entry and stretches a relay invocation towards its timeout. With the SDK at one attempt, a failing bus gets
 * exactly RELAY_PUBLISH_ATTEMPTS calls per batch.
 */
export function outboxEventBridgeClient(config: EventBridgeClientConfig = {}): EventBridgeClient {
  return new EventBridgeClient({ ...config, maxAttempts: 1 });
}

/**
 * The publisher the relay and the redrive tool put outbox events on the bus with: the shared reliable publisher
 * over `client` (an `outboxEventBridgeClient`, possibly traced).
 */
export function buildOutboxPublisher(
  client: EventBridgeClient,
  options: { busName: string; sleep?: (ms: number) => Promise<void> },
): EventPublisher {
  return buildEventPublisher(client, {
    busName: options.busName,
    maxAttempts: RELAY_PUBLISH_ATTEMPTS,
    ...(options.sleep ? { sleep: options.sleep } : {}),
  });
}
