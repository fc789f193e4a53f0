import { inboxStore } from '../../adapters/storesFromEnv';
import { markNotificationReadHandler } from './markNotificationRead';

export const handler = markNotificationReadHandler({ markRead: inboxStore.markRead, now: () => new Date() });
