import { createHash } from 'node:crypto';

/**
 * Where outbox records live in a service's table: their own partition per event, so they never collide with
 * the service's items and a stream filter can pick them out (`type = Outbox`).
 */
export const outboxKey = (eventId: string) => ({ PK: `OUTBOX#${eventId}`, SK: 'OUTBOX' });

/**
 * The sparse index every publishing table has over its outbox records only (docs/adr/0007): partition
 * `outboxShard`, sort `outboxAt` (when the record was written, ISO 8601), keys only. It makes "the records
 * older than N minutes" and "the oldest record" a Query of a few tiny partitions instead of a Scan of the table.
 */
export const OUTBOX_INDEX = 'OutboxByAge';

/**
 * Partitions of the outbox index. One well-known partition would take every outbox insert and delete of the
 * service (two index writes per event) and cap it near 500 events/s; four spread that fourfold. Readers query
 * every shard. Raising the count is safe (old records stay in shards still read); lowering it is not.
 */
export const OUTBOX_INDEX_SHARDS = 4;

/** The outbox index shard of an event: stable, spread evenly by a hash of its id. */
export const outboxShard = (eventId: string): string =>
  `OUTBOX#${createHash('sha256').update(eventId).digest().readUInt8(0) % OUTBOX_INDEX_SHARDS}`;

/** Every shard of the outbox index. */
export const outboxShards = (): string[] =>
  Array.from({ length: OUTBOX_INDEX_SHARDS }, (_, shard) => `OUTBOX#${shard}`);
