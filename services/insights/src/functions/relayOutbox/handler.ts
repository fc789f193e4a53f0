import { outboxRelayHandler } from '@spendwise/outbox/relayHandler';
import { INSIGHTS_EVENTS } from '../../publishedEvents';

export const handler = outboxRelayHandler('INSIGHTS_TABLE_NAME', INSIGHTS_EVENTS);
