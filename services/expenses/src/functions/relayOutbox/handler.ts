import { outboxRelayHandler } from '@spendwise/outbox/relayHandler';

export const handler = outboxRelayHandler('EXPENSES_TABLE_NAME');
