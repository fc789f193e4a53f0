import { outboxRelayHandler } from '@spendwise/outbox/relayHandler';
import { CATALOG_EVENTS } from '../../publishedEvents';

export const handler = outboxRelayHandler('CATALOG_TABLE_NAME', CATALOG_EVENTS);
