import { outboxMonitorHandler } from '@spendwise/outbox/monitorHandler';

export const handler = outboxMonitorHandler('NOTIFICATIONS_TABLE_NAME');
