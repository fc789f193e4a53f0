import { outboxMonitorHandler } from '@spendwise/outbox/monitorHandler';

export const handler = outboxMonitorHandler('CATALOG_TABLE_NAME');
