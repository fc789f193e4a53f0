import { inboxStore } from '../../adapters/storesFromEnv';
import { markAllNotificationsReadHandler } from './markAllNotificationsRead';

export const handler = markAllNotificationsReadHandler({
  markAllRead: inboxStore.markAllRead,
  now: () => new Date(),
});
