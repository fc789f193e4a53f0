import { type HttpResult, httpHandler } from '@spendwise/lambda-kit/http';
import type { Clock, MarkAllRead } from '../../ports';

export interface MarkAllNotificationsReadDependencies {
  markAllRead: MarkAllRead;
  now: Clock;
}

/** At most this many items per request keeps the function well inside its timeout; `more` says to call again. */
export const MAX_MARKED_PER_REQUEST = 100;

/** POST /notifications/read-all: marks the caller's unread items read (up to 100 per call). */
export function markAllNotificationsRead(deps: MarkAllNotificationsReadDependencies) {
  return async (request: { userId: string }): Promise<HttpResult> => {
    const result = await deps.markAllRead(request.userId, deps.now(), MAX_MARKED_PER_REQUEST);
    return { statusCode: 200, body: result };
  };
}

export const markAllNotificationsReadHandler = (deps: MarkAllNotificationsReadDependencies) =>
  httpHandler(markAllNotificationsRead(deps), { requiredScopes: ['spendwise/notifications.write'] });
