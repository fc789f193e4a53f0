import { useEffect, useState } from 'preact/hooks';
import type { InboxItem, Inbox as InboxPage } from '../api';
import { useApp } from '../app/context';
import { formatInstant } from '../lib/format';
import { Empty, Loading, PageHeader, ProblemNotice } from '../ui/parts';
import { useLoad } from '../ui/useLoad';

const TYPE_LABELS: Record<string, string> = {
  BudgetThresholdReached: 'Budget',
  SpendingAnomalyDetected: 'Unusual spending',
  InsightReportReady: 'Report',
  InsightReportFailed: 'Report',
};

/** Alerts and news, newest first; mark one or all read (the count in the navigation follows). */
export function Inbox() {
  const { api, announce, refreshUnread } = useApp();
  const inbox = useLoad(() => api.notifications.list({ limit: 50 }), [api]);
  const [failure, setFailure] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const data = inbox.data;
  // The navigation's count follows what this page shows.
  useEffect(() => {
    if (data) refreshUnread();
  }, [data, refreshUnread]);

  const update = (next: InboxPage) => inbox.set(next);
  const markRead = async (item: InboxItem) => {
    if (!data) return;
    try {
      await api.notifications.markRead(item.id);
      update({
        ...data,
        items: data.items.map((i) => (i.id === item.id ? { ...i, read: true } : i)),
        unreadCount: Math.max(0, data.unreadCount - 1),
      });
      announce('Marked as read');
    } catch (error) {
      setFailure(error);
    }
  };
  const markAll = async () => {
    setBusy(true);
    try {
      // The API marks up to 100 per call and says when there are more.
      for (let more = true; more; ) more = (await api.notifications.markAllRead()).more === true;
      if (data) update({ ...data, items: data.items.map((i) => ({ ...i, read: true })), unreadCount: 0 });
      announce('All notifications marked as read');
    } catch (error) {
      setFailure(error);
    } finally {
      setBusy(false);
    }
  };
  const loadMore = async () => {
    if (!data?.nextCursor) return;
    try {
      const next = await api.notifications.list({ limit: 50, cursor: data.nextCursor });
      inbox.set({ ...next, items: [...data.items, ...next.items] });
    } catch (error) {
      setFailure(error);
    }
  };

  return (
    <section>
      <PageHeader title="Inbox">
        {data && data.unreadCount > 0 && (
          <button type="button" class="button" onClick={markAll} disabled={busy}>
            {busy ? 'Marking…' : 'Mark all as read'}
          </button>
        )}
      </PageHeader>
      {data && (
        <p class="lead" data-testid="unread-summary">
          {data.unreadCount === 0 ? 'You are all caught up.' : `${data.unreadCount} unread`}
        </p>
      )}
      <ProblemNotice error={inbox.error ?? failure} />
      {inbox.loading && !data && <Loading what="your inbox" />}
      {data?.items.length === 0 && (
        <Empty title="Nothing here yet">
          <p>Budget alerts, unusual spending and finished reports arrive here.</p>
        </Empty>
      )}
      <ul class="inbox">
        {data?.items.map((item) => (
          <li
            key={item.id}
            class={`inbox__item inbox__item--${item.severity}${item.read ? '' : ' inbox__item--unread'}`}
          >
            <div class="inbox__body">
              <p class="inbox__kind">
                {TYPE_LABELS[item.type] ?? item.type}
                {!item.read && <span class="tag tag--accent">New</span>}
              </p>
              <h2 class="inbox__title">{item.title ?? item.type}</h2>
              {item.message && <p>{item.message}</p>}
              <p class="inbox__time">{formatInstant(item.occurredAt)}</p>
              {item.type === 'InsightReportReady' && typeof item.data?.reportId === 'string' && (
                <a
                  href={`/reports/${item.data.reportId}${typeof item.data.month === 'string' ? `?month=${item.data.month}` : ''}`}
                >
                  Read the report
                </a>
              )}
            </div>
            {!item.read && (
              <button type="button" class="button button--quiet" onClick={() => markRead(item)}>
                Mark read<span class="visually-hidden">: {item.title ?? item.type}</span>
              </button>
            )}
          </li>
        ))}
      </ul>
      {data?.nextCursor && (
        <button type="button" class="button load-more" onClick={loadMore}>
          Show older
        </button>
      )}
    </section>
  );
}
