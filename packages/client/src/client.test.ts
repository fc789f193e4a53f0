import { readFileSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import { createSpendwiseClient, type SpendwiseClientOptions } from './client';
import { logicalRequest } from './idempotency';
import { ProblemError } from './problem';
import { createResponseValidator, type OpenApiDocument, ResponseMismatchError } from './validation';

const expense = {
  expenseId: '3f0c1d2e-4b5a-4c6d-8e7f-9a0b1c2d3e4f',
  amount: { minorUnits: 1250, currency: 'EUR' as const },
  date: '2026-11-14',
  categoryId: 'groceries',
  tags: [],
  version: 1,
  createdAt: '2026-11-14T09:30:00.000Z',
  updatedAt: '2026-11-14T09:30:00.000Z',
};

const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });
const problem = (status: number, code: string, extras: Record<string, unknown> = {}, headers = {}) =>
  new Response(
    JSON.stringify({
      type: `https://spendwise.dev/problems/${code}`,
      title: 'T',
      status,
      code,
      detail: `${code} detail`,
      instance: 'req-1',
      ...extras,
    }),
    { status, headers: { 'content-type': 'application/problem+json', ...headers } },
  );

/** A fetch that records each request and answers from a script, in order. */
function fakeFetch(...answers: (Response | Error)[]) {
  const requests: Request[] = [];
  const fetch = async (input: string | URL | Request, init?: RequestInit) => {
    const request = input instanceof Request ? input : new Request(input, init);
    requests.push(request);
    const answer = answers.shift();
    if (!answer) throw new Error(`no answer scripted for ${request.method} ${request.url}`);
    if (answer instanceof Error) throw answer;
    return answer;
  };
  return { fetch: fetch as typeof globalThis.fetch, requests };
}

const client = (fetch: typeof globalThis.fetch, options: Partial<SpendwiseClientOptions> = {}) =>
  createSpendwiseClient({
    baseUrl: 'https://app.example.com/api',
    getToken: () => 'token-1',
    fetch,
    maxRetryDelayMs: 5,
    ...options,
  });

describe('createSpendwiseClient', () => {
  it('sends the current bearer token with every request, asking for it each time', async () => {
    const fake = fakeFetch(json(200, { items: [] }), json(200, { items: [] }));
    const tokens = ['first', 'second'];
    const api = client(fake.fetch, { getToken: async () => tokens.shift()! });

    await api.expenses.list({ month: '2026-11' });
    await api.expenses.list({ month: '2026-11' });

    expect(fake.requests.map((r) => r.headers.get('authorization'))).toEqual([
      'Bearer first',
      'Bearer second',
    ]);
    expect(fake.requests[0]!.url).toBe('https://app.example.com/api/expenses?month=2026-11');
  });

  it('creates with an Idempotency-Key and resends the same key after a 503 and a network error', async () => {
    const fake = fakeFetch(
      problem(503, 'SERVICE_UNAVAILABLE'),
      new TypeError('fetch failed'),
      json(201, expense, {
        etag: '"1"',
        location: `/expenses/${expense.expenseId}`,
        'idempotent-replayed': 'true',
      }),
    );

    const result = await client(fake.fetch).expenses.create({ amount: expense.amount, date: expense.date });

    const keys = fake.requests.map((r) => r.headers.get('idempotency-key'));
    expect(keys).toHaveLength(3);
    expect(new Set(keys).size).toBe(1);
    expect(keys[0]).toMatch(/^[A-Za-z0-9_.:-]{8,128}$/);
    expect(result).toMatchObject({ data: expense, etag: '"1"', replayed: true, idempotencyKey: keys[0] });
    expect(result.location).toBe(`/expenses/${expense.expenseId}`);
    expect(await fake.requests[2]!.json()).toEqual({ amount: expense.amount, date: expense.date });
  });

  it('does not resend a POST without an Idempotency-Key', async () => {
    const fake = fakeFetch(problem(503, 'REPORT_NOT_STARTED', {}, { 'retry-after': '0' }));

    const error = await client(fake.fetch)
      .insights.requestReport('2026-10')
      .catch((e: unknown) => e);

    expect(fake.requests).toHaveLength(1);
    expect(error).toMatchObject({ status: 503, code: 'REPORT_NOT_STARTED', retryAfterSeconds: 0 });
  });

  it('keeps one key for a logical request: a double click sends once, a retry after a failure sends the same key', async () => {
    const fake = fakeFetch(problem(422, 'UNKNOWN_CATEGORY'), json(201, expense, { etag: '"1"' }));
    const api = client(fake.fetch, { retries: 0 });
    const save = logicalRequest((key) =>
      api.expenses.create({ amount: expense.amount, date: expense.date }, { idempotencyKey: key }),
    );

    const [first, second] = await Promise.allSettled([save.run(), save.run()]);
    const retried = await save.run();

    expect(first).toEqual(second);
    expect(first.status).toBe('rejected');
    expect(retried.data).toEqual(expense);
    expect(fake.requests.map((r) => r.headers.get('idempotency-key'))).toEqual([save.key, save.key]);
  });

  it('reads the ETag and sends it back as If-Match; a 412 is a ProblemError with the extension members', async () => {
    const fake = fakeFetch(
      json(200, expense, { etag: '"1"' }),
      problem(412, 'VERSION_MISMATCH', { currentVersion: 2 }),
    );
    const api = client(fake.fetch);

    const { etag } = await api.expenses.get(expense.expenseId);
    const error = await api.expenses
      .update(expense.expenseId, { note: 'x' }, { ifMatch: etag! })
      .catch((e: unknown) => e);

    expect(fake.requests[1]!.headers.get('if-match')).toBe('"1"');
    expect(fake.requests[1]!.method).toBe('PATCH');
    expect(error).toBeInstanceOf(ProblemError);
    expect(error).toMatchObject({ status: 412, code: 'VERSION_MISMATCH', detail: 'VERSION_MISMATCH detail' });
    expect((error as ProblemError).problem.currentVersion).toBe(2);
  });

  it('gives field errors of a validation problem by path', async () => {
    const errors = [{ path: '/body/amount/minorUnits', message: 'must be >= 1' }];
    const fake = fakeFetch(problem(400, 'VALIDATION_FAILED', { errors }));

    const error = (await client(fake.fetch)
      .expenses.create({ amount: { minorUnits: 0, currency: 'EUR' }, date: '2026-11-14' })
      .catch((e: unknown) => e)) as ProblemError;

    expect(error.fieldErrors).toEqual(errors);
    expect(error.fieldError('/body/amount/minorUnits')).toBe('must be >= 1');
  });

  it("turns API Gateway's own 401 (not problem+json) into a ProblemError", async () => {
    const fake = fakeFetch(json(401, { message: 'Unauthorized' }));

    const error = await client(fake.fetch)
      .categories.list()
      .catch((e: unknown) => e);

    expect(error).toMatchObject({ status: 401, code: 'UNAUTHENTICATED', detail: 'Unauthorized' });
  });

  it('sends each service to its own base URL when given per service, else to the shared base', async () => {
    const fake = fakeFetch(json(200, { items: [] }), json(200, { items: [] }), json(200, { items: [] }));
    const api = client(fake.fetch, {
      baseUrl: 'http://localhost:3000/api',
      baseUrls: { catalog: 'http://127.0.0.1:4601/' },
    });

    await api.categories.list();
    await api.budgets.list();
    await api.insights.reports('2026-10');

    expect(fake.requests.map((r) => r.url)).toEqual([
      'http://127.0.0.1:4601/categories',
      'http://127.0.0.1:4601/budgets',
      'http://localhost:3000/api/insights/reports?month=2026-10',
    ]);
  });

  it('answers any request without throwing through request()', async () => {
    const fake = fakeFetch(problem(404, 'EXPENSE_NOT_FOUND'));

    const answer = await client(fake.fetch).request('expenses', 'GET', '/expenses/nope');

    expect(answer.status).toBe(404);
    expect(answer.body).toMatchObject({ code: 'EXPENSE_NOT_FOUND' });
  });
});

describe('createResponseValidator', () => {
  const document = JSON.parse(
    readFileSync(new URL('../../../docs/openapi/expenses.openapi.json', import.meta.url), 'utf8'),
  ) as OpenApiDocument;
  const validating = (...answers: Response[]) => {
    const validator = createResponseValidator({ expenses: document });
    const api = client(fakeFetch(...answers).fetch, { middleware: [validator.middleware], retries: 0 });
    return { api, validator };
  };

  it('lets answers the document describes through, problems included', async () => {
    const { api, validator } = validating(
      json(200, expense, { etag: '"1"' }),
      problem(404, 'EXPENSE_NOT_FOUND'),
    );

    await api.expenses.get(expense.expenseId);
    const error = await api.expenses.get(expense.expenseId).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(ProblemError);
    expect(validator.checked).toBe(2);
  });

  it('fails a call whose body breaks the schema', async () => {
    const { api } = validating(json(200, { ...expense, version: 0 }));

    await expect(api.expenses.get(expense.expenseId)).rejects.toThrow(ResponseMismatchError);
  });

  it('fails a call answered with an undocumented status or problem code', async () => {
    const { api } = validating(json(418, {}), problem(404, 'NO_SUCH_THING'));

    await expect(api.expenses.get(expense.expenseId)).rejects.toThrow(/status 418 is not documented/);
    await expect(api.expenses.get(expense.expenseId)).rejects.toThrow(
      /code must be equal to one of the allowed values/,
    );
  });
});
