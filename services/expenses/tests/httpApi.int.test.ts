import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { monthPartition } from '../src/adapters/keys';
import { cal, expensesApi, lunch } from './api';

const year = cal.now.getUTCFullYear();

import { freshExpensesTable } from './support';

let table: Awaited<ReturnType<typeof freshExpensesTable>>;
let api: ReturnType<typeof expensesApi>;

beforeAll(async () => {
  table = await freshExpensesTable();
  api = expensesApi(table);
});

afterAll(() => table.client.destroy());

describe('bad input', () => {
  const cases: [string, unknown, string][] = [
    ['malformed JSON', '{"amount": ', 'INVALID_JSON'],
    ['a missing field', { date: cal.day(4) }, 'VALIDATION_FAILED'],
    ['an extra field', { ...lunch, colour: 'red' }, 'VALIDATION_FAILED'],
    ['a userId in the body', { ...lunch, userId: 'someone-else' }, 'VALIDATION_FAILED'],
    [
      'a non-integer amount',
      { ...lunch, amount: { minorUnits: 12.5, currency: 'EUR' } },
      'VALIDATION_FAILED',
    ],
    ['a zero amount', { ...lunch, amount: { minorUnits: 0, currency: 'EUR' } }, 'VALIDATION_FAILED'],
    ['a negative amount', { ...lunch, amount: { minorUnits: -5, currency: 'EUR' } }, 'VALIDATION_FAILED'],
    ['an unknown currency', { ...lunch, amount: { minorUnits: 100, currency: 'XYZ' } }, 'VALIDATION_FAILED'],
    ['an impossible date', { ...lunch, date: `${year}-02-30` }, 'VALIDATION_FAILED'],
    ['an oversized note', { ...lunch, note: 'x'.repeat(1001) }, 'VALIDATION_FAILED'],
  ];

  it.each(cases)(
    'rejects %s with a 400 problem, writing and publishing nothing',
    async (_name, body, code) => {
      const answer = await api.create({ user: 'bad-input-user', body });

      expect(answer.status).toBe(400);
      expect(answer.headers['content-type']).toBe('application/problem+json');
      expect(answer.body.code).toBe(code);
      // Nothing at all in the table: no expense, no idempotency record, and no outbox record (so no event).
      expect(await table.allItems()).toEqual([]);
    },
  );

  it('names the offending field of a validation failure', async () => {
    const answer = await api.create({ user: 'bad-input-user', body: { ...lunch, date: `${year}-13-01` } });

    expect(answer.body.errors).toEqual(
      expect.arrayContaining([expect.objectContaining({ path: '/body/date' })]),
    );
  });

  it.each([
    ['an impossible month', { month: `${year}-13` }],
    ['an unknown parameter', { month: cal.month, sort: 'amount' }],
    ['a page size over 100', { month: cal.month, limit: '500' }],
    ['no month at all', {} as Record<string, string>],
  ])('rejects a listing with %s', async (_name, query) => {
    const answer = await api.list({ user: 'bad-input-user', query });

    expect(answer.status).toBe(400);
    expect(answer.body.code).toBe('VALIDATION_FAILED');
  });

  it('rejects a forged cursor', async () => {
    const answer = await api.list({
      user: 'bad-input-user',
      query: { month: cal.month, cursor: 'Zm9yZ2Vk' },
    });

    expect(answer.status).toBe(400);
    expect(answer.body.code).toBe('INVALID_CURSOR');
  });

  it("refuses a hand-made cursor naming the caller's own month, and another user's cursor, with 400 INVALID_CURSOR", async () => {
    // The month before the current one: both days are in the past on any day.
    const lastMonth = new Date();
    lastMonth.setUTCDate(1);
    lastMonth.setUTCMonth(lastMonth.getUTCMonth() - 1);
    const month = lastMonth.toISOString().slice(0, 7);
    const handMade = Buffer.from(JSON.stringify({ GSI1PK: monthPartition('cursor-owner', month) })).toString(
      'base64url',
    );
    for (const day of ['01', '02']) {
      await api.create({ user: 'cursor-owner', body: { ...lunch, date: `${month}-${day}` } });
    }
    const first = await api.list({ user: 'cursor-owner', query: { month, limit: '1' } });
    const cursor = String(first.body.nextCursor);

    const own = await api.list({ user: 'cursor-owner', query: { month, limit: '1', cursor } });
    const forged = await api.list({ user: 'cursor-owner', query: { month, cursor: handMade } });
    const stolen = await api.list({ user: 'cursor-thief', query: { month, cursor } });

    expect(own.status).toBe(200);
    expect(forged.status).toBe(400);
    expect(forged.body.code).toBe('INVALID_CURSOR');
    expect(stolen.status).toBe(400);
    expect(stolen.body.code).toBe('INVALID_CURSOR');
  });
});

describe('idempotent POST', () => {
  it('returns the same expense for a retried request and keeps exactly one event', async () => {
    const headers = { 'idempotency-key': 'retry-key-0001' };

    const first = await api.create({ user: 'idem-user', body: lunch, headers });
    const retry = await api.create({ user: 'idem-user', body: { ...lunch }, headers });

    expect(first.status).toBe(201);
    expect(retry.status).toBe(201);
    expect(retry.body).toEqual(first.body);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    const items = await table.allItems();
    expect(items.filter((i) => i.type === 'Expense' && i.userId === 'idem-user')).toHaveLength(1);
    const events = items.filter(
      (i) => i.type === 'Outbox' && i.detail.includes(first.body.expenseId as string),
    );
    expect(events).toHaveLength(1);
    // Counted once for the ExpensesRecorded metric: a replay records nothing new.
    expect(api.recorded.filter((id) => id === first.body.expenseId)).toHaveLength(1);
  });

  it('answers 422 for the same key with a different body', async () => {
    const headers = { 'idempotency-key': 'retry-key-0002' };
    await api.create({ user: 'idem-user-2', body: lunch, headers });

    const other = await api.create({ user: 'idem-user-2', body: { ...lunch, note: 'changed' }, headers });

    expect(other.status).toBe(422);
    expect(other.body.code).toBe('IDEMPOTENCY_KEY_REUSED');
  });
});

describe('optimistic concurrency', () => {
  it('lets one of two concurrent PATCHes on a version win; the other gets 412 and loses nothing on retry', async () => {
    const created = await api.create({ user: 'race-user', body: lunch });
    const id = created.body.expenseId as string;
    const ifMatch = { 'if-match': created.headers.etag as string };

    const answers = await Promise.all([
      api.update(id, { user: 'race-user', body: { note: 'from phone' }, headers: ifMatch }),
      api.update(id, { user: 'race-user', body: { tags: ['laptop'] }, headers: ifMatch }),
    ]);

    expect(answers.map((a) => a.status).sort()).toEqual([200, 412]);
    const loser = answers.find((a) => a.status === 412)!;
    expect(loser.body.code).toBe('VERSION_MISMATCH');
    const current = await api.get(id, { user: 'race-user' });
    const retried = await api.update(id, {
      user: 'race-user',
      body: answers[0]?.status === 412 ? { note: 'from phone' } : { tags: ['laptop'] },
      headers: { 'if-match': current.headers.etag as string },
    });
    expect(retried.status).toBe(200);
    expect(retried.body).toMatchObject({ version: 3, note: 'from phone', tags: ['laptop'] });
  });

  it('requires If-Match on PATCH', async () => {
    const created = await api.create({ user: 'race-user', body: lunch });

    const answer = await api.update(created.body.expenseId as string, {
      user: 'race-user',
      body: { note: 'x' },
    });

    expect(answer.status).toBe(428);
  });
});

describe('tenant isolation', () => {
  it("hides one user's expense from another: read, list, change and delete all answer as if it did not exist", async () => {
    const created = await api.create({ user: 'owner', body: lunch });
    const id = created.body.expenseId as string;
    const intruder = { user: 'intruder' };

    const read = await api.get(id, intruder);
    const listed = await api.list({ ...intruder, query: { month: cal.month } });
    const changed = await api.update(id, {
      ...intruder,
      body: { note: 'mine now' },
      headers: { 'if-match': '"1"' },
    });
    const deleted = await api.remove(id, intruder);

    expect([read.status, changed.status, deleted.status]).toEqual([404, 404, 404]);
    expect(listed.body.items).toEqual([]);
    const stillThere = await api.get(id, { user: 'owner' });
    expect(stillThere.body).toEqual(created.body);
  });
});

describe('the happy path', () => {
  it('records, lists by month and category, changes and deletes an expense', async () => {
    const created = await api.create({ user: 'happy', body: lunch });
    const id = created.body.expenseId as string;

    const byCategory = await api.list({ user: 'happy', query: { month: cal.month, categoryId: 'dining' } });
    const moved = await api.update(id, {
      user: 'happy',
      body: { date: cal.lastDayOf(cal.previousMonth), merchant: null },
      headers: { 'if-match': '"1"' },
    });
    const lastMonth = await api.list({ user: 'happy', query: { month: cal.previousMonth } });
    const removed = await api.remove(id, { user: 'happy', headers: { 'if-match': '"2"' } });
    const gone = await api.get(id, { user: 'happy' });

    expect(created.status).toBe(201);
    expect(created.headers.location).toBe(`/expenses/${id}`);
    expect(byCategory.body.items).toEqual([created.body]);
    expect(moved.body).toMatchObject({ version: 2, date: cal.lastDayOf(cal.previousMonth) });
    expect(moved.body).not.toHaveProperty('merchant');
    expect((lastMonth.body.items as { expenseId: string }[]).map((e) => e.expenseId)).toEqual([id]);
    expect(removed.status).toBe(204);
    expect(gone.status).toBe(404);
  });
});

describe('routes without query parameters', () => {
  it('refuses an unexpected query parameter on POST, writing nothing', async () => {
    const answer = await api.create({ user: 'query-user', body: lunch, query: { dryRun: 'true' } });

    expect(answer.status).toBe(400);
    expect(answer.body.errors).toEqual([expect.objectContaining({ path: '/queryStringParameters/dryRun' })]);
    expect((await table.allItems()).filter((item) => item.userId === 'query-user')).toEqual([]);
  });
});
