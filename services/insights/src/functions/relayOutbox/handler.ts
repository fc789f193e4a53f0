import { outboxRelayHandler } from '@spendwise/outbox/relayHandler';

export const handler = outboxRelayHandler('INSIGHTS_TABLE_NAME');
