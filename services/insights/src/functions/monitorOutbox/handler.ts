import { outboxMonitorHandler } from '@spendwise/outbox/monitorHandler';

export const handler = outboxMonitorHandler('INSIGHTS_TABLE_NAME');
