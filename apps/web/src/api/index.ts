/**
 * Every call the web app makes, one function per route, behind one module: pages never build URLs or headers.
 * The transport is @spendwise/client (openapi-fetch, typed by the services' OpenAPI documents): the bearer token,
 * resends of requests safe to repeat (a create keeps its Idempotency-Key), If-Match. Its errors become the app's
 * ApiProblem, and a 401 ends the session.
 */
import {
  createSpendwiseClient,
  ProblemError,
  type ReceiptContentType,
  type SpendwiseClientOptions,
} from '@spendwise/client';
import { ApiProblem } from './problem';
import type {
  Budget,
  Category,
  Expense,
  ExpenseChange,
  MerchantRule,
  MonthSummary,
  NewExpense,
  PreferencesChange,
} from './types';

export { ApiProblem, explain, type FieldProblem } from './problem';
export * from './types';

type Middleware = NonNullable<SpendwiseClientOptions['middleware']>[number];

export interface ApiOptions {
  /** `apiBase` of the runtime configuration (`/api`), on this origin. */
  base: string;
  /** The bearer token of the session (renewed first when it has run out), or undefined when there is none. */
  token: () => string | undefined | Promise<string | undefined>;
  /** Called on a 401 (expired or refused token) before the problem is thrown. */
  onUnauthorized: () => void;
}

/** The strong ETag of a versioned item, as If-Match expects it. */
export const etagOf = (item: { version?: number }) => `"${item.version ?? 0}"`;

/** A key for one form submission: retries of that submission reuse it, so it records once. */
export const newIdempotencyKey = (): string => `web-${crypto.randomUUID()}`;

/** The client's errors as the app's: problems keep their code and field errors; a failed fetch is NETWORK_ERROR. */
async function call<T>(request: Promise<T>): Promise<T> {
  try {
    return await request;
  } catch (error) {
    if (error instanceof ProblemError) {
      const headers = new Headers();
      if (error.retryAfterSeconds !== undefined) headers.set('retry-after', String(error.retryAfterSeconds));
      throw new ApiProblem(error.status, error.code, error.detail, error.fieldErrors, error.problem, headers);
    }
    if (error instanceof TypeError) throw new ApiProblem(0, 'NETWORK_ERROR', error.message);
    throw error;
  }
}

const data = async <T>(request: Promise<{ data: unknown }>): Promise<T> => (await call(request)).data as T;

export function createApi(options: ApiOptions) {
  const unauthorized: Middleware = {
    onResponse({ response }) {
      if (response.status === 401) options.onUnauthorized();
      return response;
    },
  };
  const client = createSpendwiseClient({
    baseUrl: new URL(options.base, location.origin).href,
    getToken: async () => (await options.token()) ?? '',
    middleware: [unauthorized],
  });

  return {
    expenses: {
      list: (query: { month: string; categoryId?: string; cursor?: string; limit?: number }) =>
        call(
          client.expenses.list({
            month: query.month,
            ...(query.categoryId ? { categoryId: query.categoryId } : {}),
            ...(query.cursor ? { cursor: query.cursor } : {}),
            ...(query.limit ? { limit: String(query.limit) } : {}),
          }),
        ),
      get: (id: string) => data<Expense>(client.expenses.get(id)),
      /** Records an expense; resends after a network failure or a 5xx carry the same key (one expense). */
      create: (expense: NewExpense, idempotencyKey: string) =>
        data<Expense>(client.expenses.create(expense, { idempotencyKey })),
      update: (expense: Pick<Expense, 'expenseId' | 'version'>, change: ExpenseChange) =>
        data<Expense>(client.expenses.update(expense.expenseId, change, { ifMatch: etagOf(expense) })),
      remove: (id: string) => call(client.expenses.delete(id)),
    },
    receipts: {
      /** A presigned POST for a file of this type; the file then goes straight to S3 (lib/receiptUpload). */
      requestUpload: (expenseId: string, contentType: ReceiptContentType) =>
        call(client.expenses.requestReceiptUpload(expenseId, contentType)),
      /** Detaches the receipt of the version read (412 when it changed since); the file is deleted after. */
      remove: (expense: Pick<Expense, 'expenseId' | 'version'>) =>
        call(client.expenses.removeReceipt(expense.expenseId, { ifMatch: etagOf(expense) })),
      /** A short-lived link to the expense's receipt. */
      link: (expenseId: string) => call(client.expenses.receipt(expenseId)),
    },
    categories: {
      list: () => call(client.categories.list()),
      create: (name: string) => data<Category>(client.categories.create(name)),
      rename: (category: Category, name: string) =>
        data<Category>(client.categories.rename(category.categoryId, name, { ifMatch: etagOf(category) })),
      archive: (category: Category) =>
        data<Category>(client.categories.archive(category.categoryId, { ifMatch: etagOf(category) })),
    },
    budgets: {
      list: () => call(client.budgets.list()),
      set: (categoryId: string, budget: { amount: Budget['amount']; thresholds?: Budget['thresholds'] }) =>
        data<Budget>(client.budgets.set(categoryId, budget)),
      remove: (categoryId: string) => call(client.budgets.remove(categoryId)),
    },
    merchantRules: {
      list: () => call(client.merchantRules.list()),
      set: (merchant: string, categoryId: string) =>
        data<MerchantRule>(client.merchantRules.set({ merchant, categoryId })),
      remove: (ruleId: string) => call(client.merchantRules.remove(ruleId)),
    },
    insights: {
      summary: (month: string) => data<MonthSummary>(client.insights.summary(month)),
      reports: (month: string) => call(client.insights.reports(month)),
      report: (id: string) => call(client.insights.report(id)),
      requestReport: (month: string) => call(client.insights.requestReport(month)),
    },
    notifications: {
      list: (query: { cursor?: string; unread?: boolean; limit?: number } = {}) =>
        call(
          client.notifications.list({
            ...(query.cursor ? { cursor: query.cursor } : {}),
            ...(query.unread === undefined ? {} : { unread: query.unread ? 'true' : 'false' }),
            ...(query.limit ? { limit: String(query.limit) } : {}),
          }),
        ),
      markRead: (id: string) => call(client.notifications.markRead(id)),
      markAllRead: () => call(client.notifications.markAllRead()),
      preferences: () => call(client.notifications.preferences()),
      savePreferences: (change: PreferencesChange) => call(client.notifications.setPreferences(change)),
      rotateWebhookSecret: () => call(client.notifications.rotateWebhookSecret()),
    },
  };
}

export type Api = ReturnType<typeof createApi>;
