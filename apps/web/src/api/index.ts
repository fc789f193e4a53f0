/**
 * Every call the web app makes, one function per route, behind one module: pages never build URLs or headers.
 * Paths are the services' own under the edge's `/api` prefix (docs/web.md).
 */
import { createHttp, type Http, type HttpOptions, withRetries } from './http';
import type {
  Budget,
  Category,
  Expense,
  ExpenseChange,
  Inbox,
  MerchantRule,
  MonthSummary,
  NewExpense,
  Page,
  Preferences,
  PreferencesChange,
  Report,
} from './types';

export { ApiProblem, explain, type FieldProblem } from './problem';
export * from './types';

/** The strong ETag of a versioned item, as If-Match expects it. */
export const etagOf = (item: { version?: number }) => `"${item.version ?? 0}"`;

/** A key for one form submission: retries of that submission reuse it, so it records once. */
export const newIdempotencyKey = (): string => `web-${crypto.randomUUID()}`;

const path = (segment: string) => encodeURIComponent(segment);

export function createApi(options: HttpOptions) {
  const http: Http = createHttp(options);
  const body = async <T>(call: Promise<{ body: T }>) => (await call).body;

  return {
    expenses: {
      list: (query: { month: string; categoryId?: string; cursor?: string; limit?: number }) =>
        body(
          http<Page<Expense>>('GET', '/expenses', {
            query: { ...query, limit: query.limit ? String(query.limit) : undefined },
          }),
        ),
      get: (id: string) => body(http<Expense>('GET', `/expenses/${path(id)}`)),
      /** Records an expense; network failures and 5xx are retried with the same key (one expense in the end). */
      create: (expense: NewExpense, idempotencyKey: string) =>
        withRetries(() =>
          body(
            http<Expense>('POST', '/expenses', {
              body: expense,
              headers: { 'idempotency-key': idempotencyKey },
            }),
          ),
        ),
      update: (expense: Pick<Expense, 'expenseId' | 'version'>, change: ExpenseChange) =>
        body(
          http<Expense>('PATCH', `/expenses/${path(expense.expenseId)}`, {
            body: change,
            headers: { 'if-match': etagOf(expense) },
          }),
        ),
      remove: (id: string) => http<void>('DELETE', `/expenses/${path(id)}`),
    },
    categories: {
      list: () => body(http<{ items: Category[] }>('GET', '/categories')).then((page) => page.items),
      create: (name: string) => body(http<Category>('POST', '/categories', { body: { name } })),
      rename: (category: Category, name: string) =>
        body(
          http<Category>('PATCH', `/categories/${path(category.categoryId)}`, {
            body: { name },
            headers: { 'if-match': etagOf(category) },
          }),
        ),
      archive: (category: Category) =>
        body(
          http<Category>('POST', `/categories/${path(category.categoryId)}/archive`, {
            headers: { 'if-match': etagOf(category) },
          }),
        ),
    },
    budgets: {
      list: () => body(http<{ items: Budget[] }>('GET', '/budgets')).then((page) => page.items),
      set: (categoryId: string, budget: { amount: Budget['amount']; thresholds?: number[] }) =>
        withRetries(() => body(http<Budget>('PUT', `/budgets/${path(categoryId)}`, { body: budget }))),
      remove: (categoryId: string) => http<void>('DELETE', `/budgets/${path(categoryId)}`),
    },
    merchantRules: {
      list: () => body(http<{ items: MerchantRule[] }>('GET', '/merchant-rules')).then((page) => page.items),
      set: (merchant: string, categoryId: string) =>
        withRetries(() =>
          body(http<MerchantRule>('PUT', '/merchant-rules', { body: { merchant, categoryId } })),
        ),
      remove: (ruleId: string) => http<void>('DELETE', `/merchant-rules/${path(ruleId)}`),
    },
    insights: {
      summary: (month: string) => body(http<MonthSummary>('GET', '/insights/summary', { query: { month } })),
      reports: (month: string) =>
        body(http<{ items: Report[] }>('GET', '/insights/reports', { query: { month } })).then(
          (page) => page.items,
        ),
      report: (id: string) => body(http<Report>('GET', `/insights/reports/${path(id)}`)),
      requestReport: (month: string) =>
        body(http<{ reportId: string; status: 'pending' }>('POST', '/insights/reports', { body: { month } })),
    },
    notifications: {
      list: (query: { cursor?: string; unread?: boolean; limit?: number } = {}) =>
        body(
          http<Inbox>('GET', '/notifications', {
            query: {
              cursor: query.cursor,
              unread: query.unread === undefined ? undefined : String(query.unread),
              limit: query.limit ? String(query.limit) : undefined,
            },
          }),
        ),
      markRead: (id: string) => http<unknown>('POST', `/notifications/${path(id)}/read`),
      markAllRead: () => body(http<{ marked?: number; more?: boolean }>('POST', '/notifications/read-all')),
      preferences: () => body(http<Preferences>('GET', '/notifications/preferences')),
      savePreferences: (change: PreferencesChange) =>
        withRetries(() => body(http<Preferences>('PUT', '/notifications/preferences', { body: change }))),
      rotateWebhookSecret: () => body(http<Preferences>('POST', '/notifications/preferences/webhook-secret')),
    },
  };
}

export type Api = ReturnType<typeof createApi>;
