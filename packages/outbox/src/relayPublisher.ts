import { DynamoDBClient, type DynamoDBClientConfig } from '@aws-sdk/client-dynamodb';
import { EventBridgeClient, type EventBridgeClientConfig } from '@aws-sdk/client-eventbridge';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { buildEventPublisher, type EventPublisher, type Subscription } from '@spendwise/contracts';

/** Sends of one event before the relay gives up on it (the publisher's default). */
export const RELAY_PUBLISH_ATTEMPTS = 4;

/**
 * Longest wait for the answer to one of the relay's calls (PutEvents, BatchGetItem, BatchWriteItem) before the
 * attempt fails with a retryable `TimeoutError`. Without it a call that never answers held the invocation until
 * the function's 30 s timeout: the batch ran again and every event published before the stall was published a
 * second time (seen under load locally: one BatchWriteItem of outbox deletes hung 27 s after 98 PutEvents had
 * gone through). Bounded, the stalled attempt is retried on a fresh connection, or the relay drains what it
 * published and reports the rest as failed. Each of these calls is idempotent, so a retry after a timeout that
 * the service had in fact served does no harm (a PutEvents entry may arrive twice, as after any retry).
 */
export const RELAY_CALL_TIMEOUT_MS = 8_000;

/**
 * The HTTP settings of the relay's clients: answers within RELAY_CALL_TIMEOUT_MS, connections within 2 s.
 * `throwOnRequestTimeout`: the SDK's HTTP handler otherwise only logs a warning when `requestTimeout` passes
 * and goes on waiting.
 */
export const relayRequestHandler = (requestTimeout = RELAY_CALL_TIMEOUT_MS) => ({
  requestTimeout,
  throwOnRequestTimeout: true,
  connectionTimeout: 2_000,
});

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
  return new EventBridgeClient({ requestHandler: relayRequestHandler(), ...config, maxAttempts: 1 });
}

/**
 * The DynamoDB client of the relay's outbox reads and deletes: the SDK's retries (3 attempts) over attempts
 * bounded by `relayRequestHandler`; `wrap` instruments it (the relay traces it).
 */
export function outboxDynamoClient(
  config: DynamoDBClientConfig = {},
  wrap: (client: DynamoDBClient) => DynamoDBClient = (client) => client,
): DynamoDBDocumentClient {
  return DynamoDBDocumentClient.from(
    wrap(new DynamoDBClient({ requestHandler: relayRequestHandler(), ...config })),
  );
}

/**
 * The publisher the relay and the redrive tool put outbox events on the bus with: the shared reliable publisher
 * over `client` (an `outboxEventBridgeClient`, possibly traced), for the service's own `events`.
 */
export function buildOutboxPublisher(
  client: EventBridgeClient,
  options: { busName: string; events: Subscription; sleep?: (ms: number) => Promise<void> },
): EventPublisher {
  return buildEventPublisher(client, {
    busName: options.busName,
    events: options.events,
    maxAttempts: RELAY_PUBLISH_ATTEMPTS,
    ...(options.sleep ? { sleep: options.sleep } : {}),
  });
}
