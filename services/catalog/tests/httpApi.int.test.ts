import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { buildCatalogStore } from '../src/adapters/catalogStore';
import { catalogApi } from './api';
import { freshCatalogTable } from './support';

let table: Awaited<ReturnType<typeof freshCatalogTable>>;
let api: ReturnType<typeof catalogApi>;

const amount = { minorUnits: 40000, currency: 'EUR' };

const outboxOf = async (user: string) =>
  (await table.allItems())
    .filter((item) => item.type === 'Outbox')
    .map((item) => ({ detailType: item.detailType as string, detail: JSON.parse(item.detail as string) }))
    .filter((event) => event.detail.metadata.userId === user);

beforeAll(async () => {
  table = await freshCatalogTable();
  api = catalogApi(buildCatalogStore(table.documentClient, { tableName: table.tableName }));
});

afterAll(() => table.client.destroy());

describe('bad input', () => {
  it.each([
    ['malformed JSON', () => api.createCategory({ user: 'bad', body: '{"name": ' }), 'INVALID_JSON'],
    ['a blank name', () => api.createCategory({ user: 'bad', body: { name: '   ' } }), 'VALIDATION_FAILED'],
    [
      'an extra field',
      () => api.createCategory({ user: 'bad', body: { name: 'x', userId: 'y' } }),
      'VALIDATION_FAILED',
    ],
    [
      'a float amount',
      () =>
        api.setBudget('groceries', { user: 'bad', body: { amount: { minorUnits: 1.5, currency: 'EUR' } } }),
      'VALIDATION_FAILED',
    ],
    [
      'descending thresholds',
      () => api.setBudget('groceries', { user: 'bad', body: { amount, thresholds: [100, 80] } }),
      'VALIDATION_FAILED',
    ],
    [
      'a threshold over 200',
      () => api.setBudget('groceries', { user: 'bad', body: { amount, thresholds: [201] } }),
      'VALIDATION_FAILED',
    ],
    [
      'a bad category id',
      () => api.setBudget('Not A Slug', { user: 'bad', body: { amount } }),
      'VALIDATION_FAILED',
    ],
    [
      'a blank merchant',
      () => api.setRule({ user: 'bad', body: { merchant: ' ', categoryId: 'dining' } }),
      'VALIDATION_FAILED',
    ],
  ])('rejects %s with a 400 problem, writing and publishing nothing', async (_name, send, code) => {
    const answer = await send();

    expect(answer.status).toBe(400);
    expect(answer.headers['content-type']).toBe('application/problem+json');
    expect(answer.body.code).toBe(code);
    expect(await table.allItems()).toEqual([]);
  });
});

describe('categories', () => {
  it('creates a category with its CategoryCreated outbox record and lists it after the defaults', async () => {
    const created = await api.createCategory({ user: 'cat-user', body: { name: 'Pets' } });
    const listed = await api.listCategories({ user: 'cat-user' });

    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ categoryId: 'pets', name: 'Pets', version: 1, isDefault: false });
    expect(listed.body.items?.map((c) => c.categoryId)).toEqual([
      'groceries',
      'dining',
      'transport',
      'housing',
      'utilities',
      'health',
      'entertainment',
      'shopping',
      'travel',
      'other',
      'pets',
    ]);
    expect(await outboxOf('cat-user')).toEqual([
      expect.objectContaining({
        detailType: 'CategoryCreated',
        detail: expect.objectContaining({
          data: { category: expect.objectContaining({ categoryId: 'pets' }) },
        }),
      }),
    ]);
  });

  it('answers 409 CATEGORY_EXISTS for a second category with the same id', async () => {
    await api.createCategory({ user: 'dup-user', body: { name: 'Kids' } });

    const again = await api.createCategory({ user: 'dup-user', body: { name: ' KIDS ' } });

    expect(again.status).toBe(409);
    expect(again.body.code).toBe('CATEGORY_EXISTS');
    expect(await outboxOf('dup-user')).toHaveLength(1);
  });

  it('renames with If-Match, answers 412 to a stale ETag and 428 without one', async () => {
    const created = await api.createCategory({ user: 'ren-user', body: { name: 'Gym' } });
    const etag = created.headers.etag as string;

    const renamed = await api.renameCategory('gym', {
      user: 'ren-user',
      body: { name: 'Fitness' },
      headers: { 'if-match': etag },
    });
    const stale = await api.renameCategory('gym', {
      user: 'ren-user',
      body: { name: 'Sport' },
      headers: { 'if-match': etag },
    });
    const missing = await api.renameCategory('gym', { user: 'ren-user', body: { name: 'Sport' } });

    expect(renamed).toMatchObject({ status: 200, body: { categoryId: 'gym', name: 'Fitness', version: 2 } });
    expect(stale.status).toBe(412);
    expect(stale.body.code).toBe('VERSION_MISMATCH');
    expect(missing.status).toBe(428);
    expect((await outboxOf('ren-user')).map((e) => e.detailType).sort()).toEqual([
      'CategoryCreated',
      'CategoryUpdated',
    ]);
  });

  it('keeps defaults read-only and archives own categories for good', async () => {
    await api.createCategory({ user: 'arc-user', body: { name: 'Hobbies' } });

    const defaultRename = await api.renameCategory('groceries', {
      user: 'arc-user',
      body: { name: 'Food' },
      headers: { 'if-match': '"1"' },
    });
    const archived = await api.archiveCategory('hobbies', { user: 'arc-user' });
    const twice = await api.archiveCategory('hobbies', { user: 'arc-user' });
    const budget = await api.setBudget('hobbies', { user: 'arc-user', body: { amount } });
    const listed = await api.listCategories({ user: 'arc-user' });

    expect(defaultRename.body.code).toBe('DEFAULT_CATEGORY');
    expect(archived).toMatchObject({ status: 200, body: { archived: true, version: 2 } });
    expect(twice.body.code).toBe('CATEGORY_ARCHIVED');
    expect(budget).toMatchObject({ status: 409, body: { code: 'CATEGORY_ARCHIVED' } });
    expect(listed.body.items?.at(-1)).toMatchObject({ categoryId: 'hobbies', archived: true });
  });

  it('answers 304 to a list revalidated with its ETag, and 200 again once something changed', async () => {
    const first = await api.listCategories({ user: 'etag-user' });
    const same = await api.listCategories({
      user: 'etag-user',
      headers: { 'if-none-match': first.headers.etag as string },
    });
    await api.createCategory({ user: 'etag-user', body: { name: 'Books' } });
    const changed = await api.listCategories({
      user: 'etag-user',
      headers: { 'if-none-match': first.headers.etag as string },
    });

    expect(first.headers['cache-control']).toBe('private, max-age=0, must-revalidate');
    expect(same.status).toBe(304);
    expect(changed.status).toBe(200);
    expect(changed.headers.etag).not.toBe(first.headers.etag);
  });
});

describe('budgets', () => {
  it('sets, replaces and removes a budget, each change with its event', async () => {
    const set = await api.setBudget('groceries', { user: 'bud-user', body: { amount } });
    const replaced = await api.setBudget('groceries', {
      user: 'bud-user',
      body: { amount, thresholds: [50, 90, 120] },
    });
    const listed = await api.listBudgets({ user: 'bud-user' });
    const removed = await api.removeBudget('groceries', { user: 'bud-user' });
    const again = await api.removeBudget('groceries', { user: 'bud-user' });

    expect(set).toMatchObject({ status: 201, body: { thresholds: [80, 100], version: 1 } });
    expect(replaced).toMatchObject({ status: 200, body: { thresholds: [50, 90, 120], version: 2 } });
    expect(listed.body.items).toEqual([replaced.body]);
    expect(removed.status).toBe(204);
    expect(again.body.code).toBe('BUDGET_NOT_FOUND');
    expect((await api.listBudgets({ user: 'bud-user' })).body.items).toEqual([]);
    expect((await outboxOf('bud-user')).map((e) => e.detailType).sort()).toEqual([
      'BudgetRemoved',
      'BudgetSet',
      'BudgetSet',
    ]);
  });

  it('answers 404 CATEGORY_NOT_FOUND for a budget on an unknown category', async () => {
    const answer = await api.setBudget('no-such', { user: 'bud-user-2', body: { amount } });

    expect(answer.status).toBe(404);
    expect(answer.body.code).toBe('CATEGORY_NOT_FOUND');
  });
});

describe('merchant rules', () => {
  it('upserts one rule per normalised merchant and removes it with a MerchantRuleSet of categoryId null', async () => {
    const first = await api.setRule({
      user: 'rule-user',
      body: { merchant: '  Corner   Market ', categoryId: 'groceries' },
    });
    const moved = await api.setRule({
      user: 'rule-user',
      body: { merchant: 'corner market', categoryId: 'shopping' },
    });
    const listed = await api.listRules({ user: 'rule-user' });
    const removed = await api.removeRule(first.body.ruleId as string, { user: 'rule-user' });

    expect(first).toMatchObject({
      status: 201,
      body: { merchant: 'corner market', categoryId: 'groceries', version: 1 },
    });
    expect(moved).toMatchObject({
      status: 200,
      body: { ruleId: first.body.ruleId, categoryId: 'shopping', version: 2 },
    });
    expect(listed.body.items).toEqual([moved.body]);
    expect(removed.status).toBe(204);
    expect((await api.listRules({ user: 'rule-user' })).body.items).toEqual([]);
    const events = await outboxOf('rule-user');
    expect(events.map((e) => e.detail.data.rule.categoryId).sort()).toEqual(
      ['groceries', 'shopping', null].sort(),
    );
  });
});

describe('tenant isolation', () => {
  it("hides one user's categories, budgets and rules from another: every access is a 404", async () => {
    const owner = 'owner';
    await api.createCategory({ user: owner, body: { name: 'Secret' } });
    await api.setBudget('secret', { user: owner, body: { amount } });
    const rule = await api.setRule({ user: owner, body: { merchant: 'Hidden shop', categoryId: 'secret' } });
    const intruder = { user: 'intruder' };

    const rename = await api.renameCategory('secret', {
      ...intruder,
      body: { name: 'Mine' },
      headers: { 'if-match': '"1"' },
    });
    const archive = await api.archiveCategory('secret', intruder);
    const budget = await api.setBudget('secret', { ...intruder, body: { amount } });
    const removeBudget = await api.removeBudget('secret', intruder);
    const ruleOnIt = await api.setRule({ ...intruder, body: { merchant: 'x', categoryId: 'secret' } });
    const removeRule = await api.removeRule(rule.body.ruleId as string, intruder);

    expect([rename, archive, budget, removeBudget, ruleOnIt, removeRule].map((a) => a.status)).toEqual([
      404, 404, 404, 404, 404, 404,
    ]);
    expect((await api.listCategories(intruder)).body.items?.map((c) => c.categoryId)).not.toContain('secret');
    expect((await api.listBudgets(intruder)).body.items).toEqual([]);
    expect((await api.listRules(intruder)).body.items).toEqual([]);
    expect(await outboxOf('intruder')).toEqual([]);
  });
});
