import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { BusEvent } from '../../src/core/ports';
import { type RunningLocalCloud, startLocalCloud } from '../../src/localCloud';

const rootDir = new URL('../../../../', import.meta.url).pathname.replace(/\/$/, '');
let cloud: RunningLocalCloud;
let api: string;
let token: string;
const events: BusEvent[] = [];

// Expenses may not be dated in the future: today by the clock the system runs on (never later, even if the
// month ends while the test runs).
const today = () => new Date().toISOString().slice(0, 10);

const post = (path: string, body: unknown, bearer = token, headers: Record<string, string> = {}) =>
  fetch(`${api}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${bearer}`, 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });

beforeAll(async () => {
  cloud = await startLocalCloud({
    rootDir,
    dataDir: await mkdtemp(join(tmpdir(), 'spendwise-e2e-')),
    awsPort: 0,
    apiBasePort: 0,
    webPort: 0,
    inMemory: true,
  });
  cloud.engines.events.onEvent((_bus, event) => events.push(event));
  api = cloud.endpoints.apis.expenses as string;
  token = await cloud.engines.auth.mintToken({ user: 'e2e-alice' });
}, 600_000);

afterAll(() => cloud?.stop());

describe('the local cloud running the packaged templates', () => {
  it('records an expense over HTTP and publishes ExpenseRecorded on the bus through the outbox relay', async () => {
    const response = await post('/expenses', {
      amount: { minorUnits: 990, currency: 'EUR' },
      date: today(),
    });
    const created = (await response.json()) as { expenseId: string };
    await cloud.settled({ timeoutMs: 60_000 });

    expect(response.status).toBe(201);
    const event = events.find(
      (e) =>
        e['detail-type'] === 'ExpenseRecorded' &&
        (e.detail as { data: { expense: { expenseId: string } } }).data.expense.expenseId ===
          created.expenseId,
    );
    expect(event?.source).toBe('spendwise.expenses');
  });

  it('serves what it stored back to its owner only', async () => {
    const created = (await (
      await post('/expenses', { amount: { minorUnits: 5, currency: 'USD' }, date: today() })
    ).json()) as {
      expenseId: string;
    };
    const other = await cloud.engines.auth.mintToken({ user: 'e2e-mallory' });

    const mine = await fetch(`${api}/expenses/${created.expenseId}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    const theirs = await fetch(`${api}/expenses/${created.expenseId}`, {
      headers: { authorization: `Bearer ${other}` },
    });

    expect(mine.status).toBe(200);
    expect(await mine.json()).toEqual(created);
    expect(theirs.status).toBe(404);
  });

  it('answers bad input with a problem and never reaches the bus', async () => {
    // What the requests above started must be over first, so that only this request is observed.
    await cloud.settled({ timeoutMs: 60_000 });
    const before = events.length;

    const response = await post('/expenses', {
      amount: { minorUnits: -1, currency: 'EUR' },
      date: today(),
    });

    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    await cloud.settled({ timeoutMs: 60_000 });
    expect(events.slice(before).filter((e) => e['detail-type'] === 'ExpenseRecorded')).toEqual([]);
  });

  it('refuses a token with a tampered signature before any function runs', async () => {
    const [header, payload] = token.split('.');
    const forged = `${header}.${payload}.${Buffer.from('not the signature').toString('base64url')}`;

    const response = await post(
      '/expenses',
      { amount: { minorUnits: 1, currency: 'EUR' }, date: today() },
      forged,
    );

    expect(response.status).toBe(401);
  });

  it('runs the catalog too: a new category is announced with CategoryCreated', async () => {
    const catalog = cloud.endpoints.apis.catalog as string;

    const response = await fetch(`${catalog}/categories`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Pet care' }),
    });

    await cloud.settled({ timeoutMs: 60_000 });

    expect(response.status).toBe(201);
    const event = events.find((e) => e['detail-type'] === 'CategoryCreated');
    expect(event?.source).toBe('spendwise.catalog');
  });

  it('serves the AWS SDK on the shared endpoint with the tables the templates declare', async () => {
    const dynamodb = new DynamoDBClient({
      endpoint: cloud.endpoints.awsEndpoint,
      region: cloud.endpoints.region,
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    });

    const { TableNames } = await dynamodb.send(new ListTablesCommand({}));

    expect(TableNames).toContain('spendwise-dev-expenses');
    dynamodb.destroy();
  });
});

describe('settled()', () => {
  it('waits for a write to travel stream → outbox relay → bus → queue → function into another read model', async () => {
    const date = today();
    const month = date.slice(0, 7);
    const summaryOf = async () => {
      const response = await fetch(`${cloud.endpoints.apis.insights}/insights/summary?month=${month}`, {
        headers: { authorization: `Bearer ${reader}` },
      });
      return (await response.json()) as { totals: Array<{ minorUnits: number; count: number }> };
    };
    const reader = await cloud.engines.auth.mintToken({ user: 'e2e-settle' });
    const before = await summaryOf();

    const response = await fetch(`${api}/expenses`, {
      method: 'POST',
      headers: { authorization: `Bearer ${reader}`, 'content-type': 'application/json' },
      body: JSON.stringify({ amount: { minorUnits: 4321, currency: 'EUR' }, date, categoryId: 'groceries' }),
    });
    const report = await cloud.settled({ timeoutMs: 60_000 });

    expect(response.status).toBe(201);
    expect(before.totals).toEqual([]);
    expect((await summaryOf()).totals).toEqual([
      expect.objectContaining({ categoryId: 'groceries', currency: 'EUR', minorUnits: 4321, count: 1 }),
    ]);
    expect(report.passes).toBeGreaterThan(1);
    expect(
      cloud.engines.sqs
        .queues()
        .filter((q) => !q.name.endsWith('-dlq'))
        .every((q) => q.inFlight === 0),
    ).toBe(true);
  });

  it('returns after a single pass over the engines when nothing is in hand', async () => {
    await cloud.settled({ timeoutMs: 60_000 });

    const report = await cloud.settled({ timeoutMs: 60_000 });

    expect(report.passes).toBe(1);
  });

  it('is on the control API for scripts', async () => {
    const response = await fetch(`${cloud.endpoints.awsEndpoint}/_local/settle`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ timeoutMs: 60_000 }),
    });

    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ settled: true, passes: expect.any(Number) });
  });
});
