import { outboxRelayHandler } from '@spendwise/outbox/relayHandler';

export const handler = outboxRelayHandler('CATALOG_TABLE_NAME');
