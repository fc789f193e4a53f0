import createClient, { type Client, type Middleware } from 'openapi-fetch';
import type * as Catalog from './generated/catalog';
import type * as Expenses from './generated/expenses';
import type * as Insights from './generated/insights';
import type * as Notifications from './generated/notifications';
import { newIdempotencyKey } from './idempotency';
import { problemOf } from './problem';

export const SERVICES = ['expenses', 'catalog', 'insights', 'notifications'] as const;
export type ServiceName = (typeof SERVICES)[number];

type ExpenseSchemas = Expenses.components['schemas'];
type CatalogSchemas = Catalog.components['schemas'];
type InsightsSchemas = Insights.components['schemas'];
type NotificationSchemas = Notifications.components['schemas'];

export type Expense = ExpenseSchemas['ExpenseResponse'];
export type ExpensePage = ExpenseSchemas['ExpensePageResponse'];
export type NewExpense = ExpenseSchemas['CreateExpenseRequest'];
export type ExpensePatch = ExpenseSchemas['UpdateExpenseRequest'];
export type ExpenseQuery = Expenses.operations['listExpenses']['parameters']['query'];
export type ReceiptUpload = ExpenseSchemas['ReceiptUploadResponse'];
export type ReceiptLink = ExpenseSchemas['ReceiptResponse'];
export type ReceiptContentType = ExpenseSchemas['ReceiptUploadRequest']['contentType'];
export type Category = CatalogSchemas['CategoryResponse'];
export type Budget = CatalogSchemas['BudgetResponse'];
export type BudgetInput = CatalogSchemas['SetBudgetRequest'];
export type MerchantRule = CatalogSchemas['MerchantRuleResponse'];
export type MerchantRuleInput = CatalogSchemas['SetMerchantRuleRequest'];
export type MonthSummary = InsightsSchemas['MonthSummaryResponse'];
export type Report = InsightsSchemas['ReportResponse'];
export type ReportList = InsightsSchemas['ReportListResponse'];
export type ReportAccepted = InsightsSchemas['ReportAcceptedResponse'];
export type NotificationPage = NotificationSchemas['NotificationPageResponse'];
export type NotificationQuery = NonNullable<
  Notifications.operations['listNotifications']['parameters']['query']
>;
export type Preferences = NotificationSchemas['PreferencesResponse'];
export type PreferencesInput = NotificationSchemas['PutPreferencesRequest'];

/** The openapi-fetch clients, one per service, typed by its document: for calls the methods below lack. */
export interface RawClients {
  expenses: Client<Expenses.paths>;
  catalog: Client<Catalog.paths>;
  insights: Client<Insights.paths>;
  notifications: Client<Notifications.paths>;
}

export interface SpendwiseClientOptions {
  /** One base for every service: the web origin's API prefix (`https://app.example.com/api`), or one API. */
  baseUrl?: string;
  /** A base per service (the HTTP APIs directly, e.g. from the local cloud's endpoints.json); wins over baseUrl. */
  baseUrls?: Partial<Record<ServiceName, string>>;
  /** The access token, asked for before every request (so a refreshed token is used at once). */
  getToken: () => string | Promise<string>;
  /** The fetch to use (default: the global one): tests pass a fake, Node and browsers their own. */
  fetch?: typeof globalThis.fetch;
  /**
   * Resends after a network error or a 502/503/504 (or 429 whose Retry-After is short), for requests that are
   * safe to repeat: GET, PUT, DELETE, and a POST that carries an Idempotency-Key (which every resend reuses).
   * Default 2; 0 turns it off.
   */
  retries?: number;
  /** Longest wait between two sends (a longer Retry-After is not waited for: the error is thrown). Default 2000. */
  maxRetryDelayMs?: number;
  /** More openapi-fetch middleware for every service (e.g. logging, response validation). */
  middleware?: Middleware[];
}

/** An answer with the representation's entity tag: send it back as `ifMatch` to change what you read. */
export interface Tagged<T> {
  data: T;
  etag: string | undefined;
}

/** What a create answers: the resource, its ETag, its Location and whether this was a replay of the same key. */
export interface Created<T> extends Tagged<T> {
  location: string | undefined;
  /** true when the server answered with the stored answer to an earlier send of the same Idempotency-Key. */
  replayed: boolean;
  idempotencyKey: string;
}

type FetchResult = { data?: unknown; error?: unknown; response: Response };

const SAFE_METHODS = new Set(['GET', 'HEAD', 'PUT', 'DELETE', 'OPTIONS']);
const RETRY_STATUSES = new Set([429, 502, 503, 504]);

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A fetch that resends requests safe to repeat (see `retries`), each send a fresh copy of the same request. */
export function retryingFetch(
  fetchImpl: typeof globalThis.fetch,
  retries: number,
  maxDelayMs: number,
): typeof globalThis.fetch {
  return async (input, init) => {
    const original = input instanceof Request ? input : new Request(input, init);
    const repeatable = SAFE_METHODS.has(original.method) || original.headers.has('idempotency-key');
    for (let attempt = 0; ; attempt += 1) {
      const last = attempt >= retries || !repeatable;
      const backoff = Math.min(maxDelayMs, 100 * 2 ** attempt);
      let response: Response;
      try {
        response = await fetchImpl(last ? original : original.clone());
      } catch (error) {
        if (last) throw error;
        await sleep(backoff);
        continue;
      }
      if (last || !RETRY_STATUSES.has(response.status)) return response;
      const retryAfter = Number(response.headers.get('retry-after') ?? Number.NaN);
      const wait = Number.isFinite(retryAfter) ? retryAfter * 1000 : backoff;
      if (wait > maxDelayMs) return response;
      await response.body?.cancel();
      await sleep(wait);
    }
  };
}

const baseOf = (options: SpendwiseClientOptions, service: ServiceName): string => {
  const base = options.baseUrls?.[service] ?? options.baseUrl;
  if (!base) throw new Error(`No base URL for the ${service} API: give baseUrl or baseUrls.${service}`);
  return base.replace(/\/+$/, '');
};

/** Throws the problem of an error answer; otherwise returns the body and the ETag. */
async function unwrap<T>(result: FetchResult): Promise<Tagged<T>> {
  const { response } = result;
  if (!response.ok) {
    const request = `${result.response.url ? new URL(result.response.url).pathname : ''}`;
    throw await problemOf(response, request, result.error);
  }
  return { data: result.data as T, etag: response.headers.get('etag') ?? undefined };
}

async function created<T>(result: FetchResult, idempotencyKey: string): Promise<Created<T>> {
  const tagged = await unwrap<T>(result);
  const headers = result.response.headers;
  return {
    ...tagged,
    location: headers.get('location') ?? undefined,
    replayed: headers.get('idempotent-replayed') === 'true',
    idempotencyKey,
  };
}

const ifMatchHeader = (ifMatch?: string) => (ifMatch === undefined ? {} : { 'if-match': ifMatch });

/**
 * A client of every Spendwise API, typed by the OpenAPI documents: the bearer token on every request, an
 * Idempotency-Key on every create (reused by its resends; pass your own to keep it across a user's retries),
 * ETags from reads and If-Match on changes, and errors as a typed `ProblemError`. Works in browsers and Node.
 *
 * @example
 * const api = createSpendwiseClient({ baseUrl: `${location.origin}/api`, getToken: () => session.accessToken });
 * const { data: expense, etag } = await api.expenses.create({ amount: { minorUnits: 1250, currency: 'EUR' }, date });
 * await api.expenses.update(expense.expenseId, { note: 'lunch' }, { ifMatch: etag! });
 */
export function createSpendwiseClient(options: SpendwiseClientOptions) {
  const fetchImpl = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const send = retryingFetch(fetchImpl, options.retries ?? 2, options.maxRetryDelayMs ?? 2000);
  const auth: Middleware = {
    async onRequest({ request }) {
      request.headers.set('authorization', `Bearer ${await options.getToken()}`);
      return request;
    },
  };
  const make = <P extends {}>(service: ServiceName): Client<P> => {
    const client = createClient<P>({ baseUrl: baseOf(options, service), fetch: send });
    client.use(auth, ...(options.middleware ?? []));
    return client;
  };
  const raw: RawClients = {
    expenses: make<Expenses.paths>('expenses'),
    catalog: make<Catalog.paths>('catalog'),
    insights: make<Insights.paths>('insights'),
    notifications: make<Notifications.paths>('notifications'),
  };
  const { expenses, catalog, insights, notifications } = raw;

  return {
    raw,

    /**
     * Sends any request to a service and returns its status, headers and parsed body without throwing on 4xx/5xx
     * (for callers that check error answers themselves). `path` may carry a query string.
     */
    async request(
      service: ServiceName,
      method: string,
      path: string,
      init: { body?: unknown; headers?: Record<string, string> } = {},
    ): Promise<{ status: number; headers: Headers; body: unknown }> {
      const client = raw[service] as unknown as Client<Record<string, Record<string, unknown>>>;
      const result = (await client.request(
        method.toLowerCase() as 'get',
        path as never,
        {
          ...(init.body === undefined ? {} : { body: init.body }),
          headers: init.headers ?? {},
          parseAs: 'text',
        } as never,
      )) as FetchResult;
      const text = (result.data ?? result.error ?? '') as string;
      let body: unknown = text === '' ? undefined : text;
      try {
        body = text ? JSON.parse(text) : undefined;
      } catch {
        // not JSON: keep the text
      }
      return { status: result.response.status, headers: result.response.headers, body };
    },

    expenses: {
      async create(
        body: NewExpense,
        { idempotencyKey = newIdempotencyKey() } = {},
      ): Promise<Created<Expense>> {
        const result = await expenses.POST('/expenses', {
          body,
          headers: { 'Idempotency-Key': idempotencyKey },
        });
        return created<Expense>(result, idempotencyKey);
      },
      get: async (id: string) =>
        unwrap<Expense>(await expenses.GET('/expenses/{id}', { params: { path: { id } } })),
      list: async (query: ExpenseQuery) =>
        (await unwrap<ExpensePage>(await expenses.GET('/expenses', { params: { query } }))).data,
      update: async (id: string, patch: ExpensePatch, { ifMatch }: { ifMatch: string }) =>
        unwrap<Expense>(
          await expenses.PATCH('/expenses/{id}', {
            params: { path: { id }, header: { 'If-Match': ifMatch } },
            body: patch,
          }),
        ),
      async delete(id: string, { ifMatch }: { ifMatch?: string } = {}): Promise<void> {
        await unwrap(
          await expenses.DELETE('/expenses/{id}', {
            params: { path: { id } },
            headers: ifMatchHeader(ifMatch),
          }),
        );
      },
      /** A presigned POST for a receipt file of this type; upload it with `uploadReceipt`. */
      requestReceiptUpload: async (id: string, contentType: ReceiptContentType) =>
        (
          await unwrap<ReceiptUpload>(
            await expenses.POST('/expenses/{id}/receipt', {
              params: { path: { id } },
              body: { contentType },
            }),
          )
        ).data,
      /** Detaches the expense's receipt (its file is deleted after); `ifMatch` guards against a newer version. */
      async removeReceipt(id: string, { ifMatch }: { ifMatch?: string } = {}): Promise<void> {
        await unwrap(
          await expenses.DELETE('/expenses/{id}/receipt', {
            params: { path: { id } },
            headers: ifMatchHeader(ifMatch),
          }),
        );
      },
      /** A short-lived link to the expense's receipt (404 RECEIPT_NOT_FOUND when it has none). */
      receipt: async (id: string) =>
        (
          await unwrap<ReceiptLink>(
            await expenses.GET('/expenses/{id}/receipt', { params: { path: { id } } }),
          )
        ).data,
    },

    categories: {
      list: async () => (await unwrap<{ items: Category[] }>(await catalog.GET('/categories'))).data.items,
      create: async (name: string) => unwrap<Category>(await catalog.POST('/categories', { body: { name } })),
      rename: async (id: string, name: string, { ifMatch }: { ifMatch: string }) =>
        unwrap<Category>(
          await catalog.PATCH('/categories/{id}', {
            params: { path: { id }, header: { 'If-Match': ifMatch } },
            body: { name },
          }),
        ),
      archive: async (id: string, { ifMatch }: { ifMatch?: string } = {}) =>
        unwrap<Category>(
          await catalog.POST('/categories/{id}/archive', {
            params: { path: { id } },
            headers: ifMatchHeader(ifMatch),
          }),
        ),
    },

    budgets: {
      list: async () => (await unwrap<{ items: Budget[] }>(await catalog.GET('/budgets'))).data.items,
      set: async (categoryId: string, body: BudgetInput, { ifMatch }: { ifMatch?: string } = {}) =>
        unwrap<Budget>(
          await catalog.PUT('/budgets/{categoryId}', {
            params: { path: { categoryId } },
            headers: ifMatchHeader(ifMatch),
            body,
          }),
        ),
      async remove(categoryId: string, { ifMatch }: { ifMatch?: string } = {}): Promise<void> {
        await unwrap(
          await catalog.DELETE('/budgets/{categoryId}', {
            params: { path: { categoryId } },
            headers: ifMatchHeader(ifMatch),
          }),
        );
      },
    },

    merchantRules: {
      list: async () =>
        (await unwrap<{ items: MerchantRule[] }>(await catalog.GET('/merchant-rules'))).data.items,
      set: async (body: MerchantRuleInput) =>
        unwrap<MerchantRule>(await catalog.PUT('/merchant-rules', { body })),
      async remove(id: string, { ifMatch }: { ifMatch?: string } = {}): Promise<void> {
        await unwrap(
          await catalog.DELETE('/merchant-rules/{id}', {
            params: { path: { id } },
            headers: ifMatchHeader(ifMatch),
          }),
        );
      },
    },

    insights: {
      summary: async (month: string) =>
        unwrap<MonthSummary>(await insights.GET('/insights/summary', { params: { query: { month } } })),
      requestReport: async (month: string) =>
        (await unwrap<ReportAccepted>(await insights.POST('/insights/reports', { body: { month } }))).data,
      report: async (id: string) =>
        (await unwrap<Report>(await insights.GET('/insights/reports/{id}', { params: { path: { id } } })))
          .data,
      reports: async (month: string) =>
        (await unwrap<ReportList>(await insights.GET('/insights/reports', { params: { query: { month } } })))
          .data.items,
    },

    notifications: {
      list: async (query: NotificationQuery = {}) =>
        (await unwrap<NotificationPage>(await notifications.GET('/notifications', { params: { query } })))
          .data,
      async markRead(id: string): Promise<void> {
        await unwrap(await notifications.POST('/notifications/{id}/read', { params: { path: { id } } }));
      },
      markAllRead: async () =>
        (await unwrap<{ marked: number; more: boolean }>(await notifications.POST('/notifications/read-all')))
          .data,
      preferences: async () =>
        (await unwrap<Preferences>(await notifications.GET('/notifications/preferences'))).data,
      setPreferences: async (body: PreferencesInput) =>
        (await unwrap<Preferences>(await notifications.PUT('/notifications/preferences', { body }))).data,
      rotateWebhookSecret: async () =>
        (await unwrap<Preferences>(await notifications.POST('/notifications/preferences/webhook-secret')))
          .data,
    },
  };
}

export type SpendwiseClient = ReturnType<typeof createSpendwiseClient>;
