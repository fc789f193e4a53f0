import type { EventEnvelope } from '@spendwise/contracts';
import { outboxKey, outboxShard } from './keys';

/** Outbox records outlive a stuck relay for a week, then expire (the stream keeps records for 24 hours). */
export const OUTBOX_TTL_SECONDS = 7 * 24 * 3600;

/** The outbox record that announces `event`; written in the same transaction as the state change. */
export function outboxItem(event: EventEnvelope, now: Date): Record<string, unknown> {
  const { eventId } = event.detail.metadata;
  return {
    ...outboxKey(eventId),
    type: 'Outbox',
    eventId,
    source: event.source,
    detailType: event.detailType,
    detail: JSON.stringify(event.detail),
    // The sparse outbox index (keys.ts): only outbox records carry these two attributes.
    outboxShard: outboxShard(eventId),
    outboxAt: now.toISOString(),
    expiresAt: Math.floor(now.getTime() / 1000) + OUTBOX_TTL_SECONDS,
  };
}

/** Reads the event back out of an outbox record (as found in a stream image). */
export function eventFromOutboxItem(item: Record<string, unknown>): EventEnvelope {
  const { source, detailType, detail } = item;
  if (typeof source !== 'string' || typeof detailType !== 'string' || typeof detail !== 'string') {
    throw new Error(`Outbox record ${String(item.PK)} is malformed`);
  }
  return { source, detailType, detail: JSON.parse(detail) } as EventEnvelope;
}
