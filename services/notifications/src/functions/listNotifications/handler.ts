import { inboxStore } from '../../adapters/storesFromEnv';
import { listNotificationsHandler } from './listNotifications';

export const handler = listNotificationsHandler({ listInbox: inboxStore.listInbox });
