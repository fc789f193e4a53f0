/**
 * @spendwise/outbox: how every Spendwise service publishes. A state change and its outbox record are written in
 * one transaction (`outboxItem`); the table's stream feeds `relayOutbox`, which puts the events on the bus and
 * drains the records (docs/adr/0001-transactional-outbox-with-stream-relay.md).
 */
export { outboxKey } from './keys';
export { eventFromOutboxItem, OUTBOX_TTL_SECONDS, outboxItem } from './outboxItem';
export { buildOutboxStore } from './outboxStore';
export type { DrainOutbox, FindPendingOutbox, PublishEvents } from './ports';
export { type RelayDependencies, relayOutbox } from './relayOutbox';
export { buildOutboxPublisher, outboxEventBridgeClient, RELAY_PUBLISH_ATTEMPTS } from './relayPublisher';
