/**
 * @spendwise/outbox: how every Spendwise service publishes. A state change and its outbox record are written in
 * one transaction (`outboxItem`); the table's stream feeds `relayOutbox`, which puts the events on the bus and
 * drains the records (docs/adr/0001-transactional-outbox-with-stream-relay.md).
 */
export { OUTBOX_INDEX, OUTBOX_INDEX_SHARDS, outboxKey, outboxShard, outboxShards } from './keys';
export { buildOutboxIndex, type OutboxIndex, type OutboxIndexEntry } from './outboxIndex';
export { eventFromOutboxItem, OUTBOX_TTL_SECONDS, outboxItem } from './outboxItem';
export { buildOutboxStore } from './outboxStore';
export type { DrainOutbox, FindPendingOutbox, PublishEvents } from './ports';
export { type RedriveOptions, type RedriveProgress, type RedriveSummary, redriveOutbox } from './redrive';
export { type RelayDependencies, relayOutbox } from './relayOutbox';
export { buildOutboxPublisher, outboxEventBridgeClient, RELAY_PUBLISH_ATTEMPTS } from './relayPublisher';
