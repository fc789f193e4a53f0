import { type HttpRequest, type HttpResult, httpHandler } from '@spendwise/lambda-kit/http';
import type { ListNotificationsQuery } from '../../generated/http';
import { validateListNotificationsQuery } from '../../generated/httpValidators';
import { presentNotification } from '../../http/present';
import { withDomainErrors } from '../../http/problems';
import type { ListInbox } from '../../ports';

export interface ListNotificationsDependencies {
  listInbox: ListInbox;
}

export const DEFAULT_PAGE_SIZE = 20;

/** GET /notifications?limit=&cursor=&unread=: the caller's inbox, newest first, with the unread count. */
export function listNotifications(deps: ListNotificationsDependencies) {
  return withDomainErrors(
    async (request: HttpRequest<unknown, ListNotificationsQuery>): Promise<HttpResult> => {
      const { limit, cursor, unread } = request.query;
      const page = await deps.listInbox({
        userId: request.userId,
        limit: limit === undefined ? DEFAULT_PAGE_SIZE : Number(limit),
        unreadOnly: unread === 'true',
        ...(cursor ? { cursor } : {}),
      });
      return {
        statusCode: 200,
        headers: { 'cache-control': 'private, no-store' },
        body: {
          items: page.items.map(presentNotification),
          unreadCount: page.unreadCount,
          ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}),
        },
      };
    },
  );
}

export const listNotificationsHandler = (deps: ListNotificationsDependencies) =>
  httpHandler(listNotifications(deps), {
    query: validateListNotificationsQuery,
    requiredScopes: ['spendwise/notifications.read'],
  });
