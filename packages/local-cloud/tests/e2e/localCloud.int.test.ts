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

const waitFor = async <T>(find: () => T | undefined, timeoutMs = 15_000): Promise<T> => {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = find();
    if (found !== undefined) return found;
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
};

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
      date: '2026-11-20',
    });
    const created = (await response.json()) as { expenseId: string };

    expect(response.status).toBe(201);
    const event = await waitFor(() =>
      events.find(
        (e) =>
          e['detail-type'] === 'ExpenseRecorded' &&
          (e.detail as { data: { expense: { expenseId: string } } }).data.expense.expenseId ===
            created.expenseId,
      ),
    );
    expect(event.source).toBe('spendwise.expenses');
  });

  it('serves what it stored back to its owner only', async () => {
    const created = (await (
      await post('/expenses', { amount: { minorUnits: 5, currency: 'USD' }, date: '2026-11-21' })
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
    // The two expenses recorded above must have been relayed first, so that only this request is observed.
    const recorded = () => events.filter((e) => e['detail-type'] === 'ExpenseRecorded');
    await waitFor(() => (recorded().length >= 2 ? true : undefined));
    const before = events.length;

    const response = await post('/expenses', {
      amount: { minorUnits: -1, currency: 'EUR' },
      date: '2026-11-20',
    });

    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(events.slice(before).filter((e) => e['detail-type'] === 'ExpenseRecorded')).toEqual([]);
  });

  it('refuses a token with a tampered signature before any function runs', async () => {
    const [header, payload] = token.split('.');
    const forged = `${header}.${payload}.${Buffer.from('not the signature').toString('base64url')}`;

    const response = await post(
      '/expenses',
      { amount: { minorUnits: 1, currency: 'EUR' }, date: '2026-11-20' },
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

    expect(response.status).toBe(201);
    const event = await waitFor(() => events.find((e) => e['detail-type'] === 'CategoryCreated'));
    expect(event.source).toBe('spendwise.catalog');
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
