import { type HttpResult, httpHandler } from '@spendwise/lambda-kit/http';
import { presentPreferences } from '../../http/present';
import type { FindPreferences } from '../../ports';

export interface GetPreferencesDependencies {
  findPreferences: FindPreferences;
}

/** GET /notifications/preferences: the caller's preferences (the defaults before the first PUT). */
export function getPreferences(deps: GetPreferencesDependencies) {
  return async (request: { userId: string }): Promise<HttpResult> => ({
    statusCode: 200,
    headers: { 'cache-control': 'private, no-store' },
    body: presentPreferences(await deps.findPreferences(request.userId)),
  });
}

export const getPreferencesHandler = (deps: GetPreferencesDependencies) =>
  httpHandler(getPreferences(deps), { requiredScopes: ['spendwise/notifications.read'] });
