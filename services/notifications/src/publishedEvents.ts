import { NotificationDeliveredVersions, subscribe } from '@spendwise/contracts';

/**
 * The events the notifications service publishes, each in every schema version: what its outbox relay may put on the
 * bus, and the only validators the relay's bundle carries.
 */
export const NOTIFICATIONS_EVENTS = subscribe(NotificationDeliveredVersions);
