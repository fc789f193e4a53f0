import {
  PutEventsCommand,
  type PutEventsCommandOutput,
  type PutEventsRequestEntry,
} from '@aws-sdk/client-eventbridge';
import { type BatchLimits, PUT_EVENTS_LIMITS, putEventsEntrySize, splitIntoBatches } from './batching';
import type { EventEnvelope } from './catalogue';
import { checkSubscribedEvent } from './checkDetail';
import { EventPublishError, EventTooLargeError, type PublishFailure } from './errors';
import { fullJitterDelay, isRetryableCallError, isRetryableEntryError } from './retry';
import type { Subscription } from './subscription';

/** The one EventBridge operation the publisher needs; an EventBridgeClient is one. */
export interface PutEventsSender {
  send(command: PutEventsCommand): Promise<PutEventsCommandOutput>;
}

/** Where and how persistently to publish. */
export interface EventPublisherConfig {
  readonly busName: string;
  /**
   * The events this publisher may send, with their validators (a service's own: `subscribe(…Versions)`); any
   * other event, or one whose detail breaks its schema, is refused before anything is sent.
   */
  readonly events: Subscription;
  /** Sends per event before giving up, the first included (default 4). */
  readonly maxAttempts?: number;
  /** Backoff base before the first retry (default 50 ms); doubles per retry, with full jitter. */
  readonly baseDelayMs?: number;
  /** Upper bound of any backoff delay (default 5 s). */
  readonly maxDelayMs?: number;
  readonly sleep?: (ms: number) => Promise<void>;
  /** Source of jitter in [0, 1) (default Math.random). */
  readonly random?: () => number;
  /** Tighter batch limits than PutEvents' own (10 entries, 256 KB), e.g. to leave headroom; never looser. */
  readonly limits?: Partial<BatchLimits>;
}

/** How a publish went: events accepted by EventBridge, and rounds of PutEvents calls it took. */
export interface PublishSummary {
  readonly published: number;
  readonly attempts: number;
}

/** Publishes events reliably; see buildEventPublisher. */
export type PublishEvents = (events: readonly EventEnvelope[]) => Promise<PublishSummary>;

/** What buildEventPublisher builds; `publish` needs no `this`, so it can be passed on as a port. */
export interface EventPublisher {
  readonly publish: PublishEvents;
}

interface PendingEntry {
  readonly eventId: string;
  readonly detailType: string;
  readonly entry: PutEventsRequestEntry;
  readonly size: number;
  readonly lastError?: { code: string; message?: string };
}

interface RoundResult {
  published: number;
  retry: PendingEntry[];
  permanent: PublishFailure[];
}

type Settings = Required<Omit<EventPublisherConfig, 'busName' | 'events' | 'limits'>> & {
  limits: BatchLimits;
};

/**
 * Builds `{ publish(events) }`: validates every event against `config.events` and its detail against its schema
 * (InvalidEventError, nothing sent), rejects
 * entries over 256 KB (EventTooLargeError, nothing sent), sends batches of at most 10 entries and 256 KB, and
 * retries only the entries (or calls) that failed for a transient reason, with exponential backoff and full
 * jitter. Throws EventPublishError naming the events still refused after `maxAttempts`.
 *
 * @example
 * const events = subscribe(BudgetSetVersions);
 * const { publish } = buildEventPublisher(new EventBridgeClient({}), { busName: 'spendwise-dev', events });
 */
export function buildEventPublisher(client: PutEventsSender, config: EventPublisherConfig): EventPublisher {
  const settings: Settings = {
    maxAttempts: config.maxAttempts ?? 4,
    baseDelayMs: config.baseDelayMs ?? 50,
    maxDelayMs: config.maxDelayMs ?? 5_000,
    sleep: config.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms))),
    random: config.random ?? Math.random,
    limits: { ...PUT_EVENTS_LIMITS, ...config.limits },
  };
  checkSettings(config.busName, settings);
  const publish: PublishEvents = async (events) => {
    const pending = events.map((event) =>
      toPendingEntry(event, config.busName, config.events, settings.limits),
    );
    if (pending.length === 0) return { published: 0, attempts: 0 };
    return sendWithRetries(client, pending, settings);
  };
  return { publish };
}

function checkSettings(busName: string, { maxAttempts, limits }: Settings): void {
  if (!busName) throw new RangeError('busName must not be empty');
  if (!Number.isInteger(maxAttempts) || maxAttempts < 1) {
    throw new RangeError(`maxAttempts must be an integer of at least 1, not ${maxAttempts}`);
  }
  const { maxEntries, maxBytes } = limits;
  if (
    !(
      maxEntries >= 1 &&
      maxEntries <= PUT_EVENTS_LIMITS.maxEntries &&
      maxBytes >= 1 &&
      maxBytes <= PUT_EVENTS_LIMITS.maxBytes
    )
  ) {
    throw new RangeError(`limits must stay within ${JSON.stringify(PUT_EVENTS_LIMITS)}`);
  }
}

function toPendingEntry(
  event: EventEnvelope,
  busName: string,
  events: Subscription,
  limits: BatchLimits,
): PendingEntry {
  checkSubscribedEvent(event, events);
  const { eventId, occurredAt } = event.detail.metadata;
  const entry: PutEventsRequestEntry = {
    EventBusName: busName,
    Source: event.source,
    DetailType: event.detailType,
    Detail: JSON.stringify(event.detail),
    Time: new Date(occurredAt),
  };
  const size = putEventsEntrySize(entry);
  if (size > limits.maxBytes) throw new EventTooLargeError(eventId, event.detailType, size, limits.maxBytes);
  return { eventId, detailType: event.detailType, entry, size };
}

async function sendWithRetries(
  client: PutEventsSender,
  entries: readonly PendingEntry[],
  settings: Settings,
): Promise<PublishSummary> {
  let pending = entries;
  let published = 0;
  let attempts = 0;
  const failures: PublishFailure[] = [];
  while (pending.length > 0 && attempts < settings.maxAttempts) {
    if (attempts > 0) await settings.sleep(fullJitterDelay(attempts, settings));
    attempts++;
    const round = await sendRound(client, pending, settings.limits);
    published += round.published;
    failures.push(...round.permanent);
    pending = round.retry;
  }
  failures.push(...pending.map(toFailure));
  if (failures.length > 0) throw new EventPublishError(failures, published, attempts);
  return { published, attempts };
}

async function sendRound(
  client: PutEventsSender,
  pending: readonly PendingEntry[],
  limits: BatchLimits,
): Promise<RoundResult> {
  const result: RoundResult = { published: 0, retry: [], permanent: [] };
  // One batch at a time: a throttled bus is not helped by more concurrent calls.
  for (const batch of splitIntoBatches(pending, (item) => item.size, limits)) {
    const outcome = await sendBatch(client, batch);
    result.published += outcome.published;
    result.retry.push(...outcome.retry);
    result.permanent.push(...outcome.permanent);
  }
  return result;
}

async function sendBatch(client: PutEventsSender, batch: readonly PendingEntry[]): Promise<RoundResult> {
  let output: PutEventsCommandOutput;
  try {
    output = await client.send(new PutEventsCommand({ Entries: batch.map((item) => item.entry) }));
  } catch (error) {
    const failed = batch.map((item) => withError(item, errorCode(error), (error as Error)?.message));
    return isRetryableCallError(error)
      ? { published: 0, retry: failed, permanent: [] }
      : { published: 0, retry: [], permanent: failed.map(toFailure) };
  }
  const result: RoundResult = { published: 0, retry: [], permanent: [] };
  const unknownOutcome = (output.FailedEntryCount ?? 0) > 0;
  batch.forEach((item, index) => {
    const entryResult = output.Entries?.[index];
    if (entryResult?.ErrorCode) {
      const failed = withError(item, entryResult.ErrorCode, entryResult.ErrorMessage);
      if (isRetryableEntryError(entryResult.ErrorCode)) result.retry.push(failed);
      else result.permanent.push(toFailure(failed));
    } else if (!entryResult?.EventId && unknownOutcome) {
      // Some entry failed but the response does not say which: sending again is safe, consumers de-duplicate.
      result.retry.push(withError(item, 'UnknownEntryResult'));
    } else {
      result.published++;
    }
  });
  return result;
}

function withError(item: PendingEntry, code: string, message?: string): PendingEntry {
  return { ...item, lastError: message === undefined ? { code } : { code, message } };
}

function toFailure(item: PendingEntry): PublishFailure {
  const errorCode = item.lastError?.code ?? 'NotAttempted';
  const failure = { eventId: item.eventId, detailType: item.detailType, errorCode };
  return item.lastError?.message === undefined
    ? failure
    : { ...failure, errorMessage: item.lastError.message };
}

function errorCode(error: unknown): string {
  if (typeof error === 'object' && error !== null) {
    const { name, code } = error as { name?: unknown; code?: unknown };
    if (typeof code === 'string') return code;
    if (typeof name === 'string') return name;
  }
  return 'UnknownError';
}
