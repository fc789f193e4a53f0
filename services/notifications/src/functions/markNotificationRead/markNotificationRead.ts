import { type HttpRequest, type HttpResult, httpHandler } from '@spendwise/lambda-kit/http';
import { NotificationNotFoundError } from '../../domain/errors';
import type { NotificationIdPath } from '../../generated/http';
import { validateNotificationIdPath } from '../../generated/httpValidators';
import { withDomainErrors } from '../../http/problems';
import type { Clock, MarkRead } from '../../ports';

export interface MarkNotificationReadDependencies {
  markRead: MarkRead;
  now: Clock;
}

/** POST /notifications/{id}/read: idempotent; another user's (or no) item is a 404. */
export function markNotificationRead(deps: MarkNotificationReadDependencies) {
  return withDomainErrors(
    async (
      request: HttpRequest<undefined, Record<string, string>, NotificationIdPath>,
    ): Promise<HttpResult> => {
      const { id } = request.path;
      if (!(await deps.markRead(request.userId, id, deps.now()))) throw new NotificationNotFoundError(id);
      return { statusCode: 204 };
    },
  );
}

export const markNotificationReadHandler = (deps: MarkNotificationReadDependencies) =>
  httpHandler(markNotificationRead(deps), {
    path: validateNotificationIdPath,
    requiredScopes: ['spendwise/notifications.write'],
  });
