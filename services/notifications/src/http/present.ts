import type { Preferences } from '../domain/preferences';
import type { InboxItem } from '../ports';

/** An inbox item as clients see it. */
export const presentNotification = (item: InboxItem) => ({
  id: item.notificationId,
  type: item.type,
  severity: item.severity,
  title: item.title,
  message: item.message,
  occurredAt: item.occurredAt,
  createdAt: item.createdAt,
  read: item.readAt !== null,
  readAt: item.readAt,
  data: item.data,
});

/** Preferences as clients see them: never the webhook secret (only a PUT that creates one returns it). */
export const presentPreferences = (prefs: Preferences) => ({
  types: prefs.types,
  email: prefs.email,
  emailSubscribed: prefs.subscription !== null,
  webhookUrl: prefs.webhookUrl,
  webhookDisabled: prefs.webhookDisabledAt !== null,
  syncStatus: prefs.syncStatus,
  version: prefs.version,
  updatedAt: prefs.updatedAt,
});
