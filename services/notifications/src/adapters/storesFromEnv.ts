import { dynamoDocumentClient } from '@spendwise/lambda-kit/dynamo';
import { requireEnv } from '@spendwise/lambda-kit/env';
import { buildInboxStore } from './inboxStore';
import { buildPreferencesStore } from './preferencesStore';

const tableName = requireEnv('NOTIFICATIONS_TABLE_NAME');

/** The inbox of a deployed function: table from NOTIFICATIONS_TABLE_NAME, built once at cold start. */
export const inboxStore = buildInboxStore(dynamoDocumentClient, { tableName });

/** The preferences of a deployed function, on the same table. */
export const preferencesStore = buildPreferencesStore(dynamoDocumentClient, { tableName });
