import { outboxRelayHandler } from '@spendwise/outbox/relayHandler';
import { EXPENSES_EVENTS } from '../../publishedEvents';

export const handler = outboxRelayHandler('EXPENSES_TABLE_NAME', EXPENSES_EVENTS);
