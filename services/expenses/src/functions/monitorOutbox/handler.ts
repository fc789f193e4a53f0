import { outboxMonitorHandler } from '@spendwise/outbox/monitorHandler';

export const handler = outboxMonitorHandler('EXPENSES_TABLE_NAME');
