import { outboxRelayHandler } from '@spendwise/outbox/relayHandler';
import { NOTIFICATIONS_EVENTS } from '../../publishedEvents';

/** Relays NotificationDelivered outbox records from the notifications table's stream to the bus. */
export const handler = outboxRelayHandler('NOTIFICATIONS_TABLE_NAME', NOTIFICATIONS_EVENTS);
