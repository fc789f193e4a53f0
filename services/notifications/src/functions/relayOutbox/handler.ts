import { outboxRelayHandler } from '@spendwise/outbox/relayHandler';

/** Relays NotificationDelivered outbox records from the notifications table's stream to the bus. */
export const handler = outboxRelayHandler('NOTIFICATIONS_TABLE_NAME');
