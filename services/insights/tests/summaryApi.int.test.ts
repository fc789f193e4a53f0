import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { HttpResponse } from '@spendwise/lambda-kit/http';
import { httpEvent, lambdaContext } from '@spendwise/lambda-kit/testing';
import { buildMonthAggregatesReader, buildMonthTotalsReader } from '../src/adapters/monthAggregatesReader';
import { getSummaryHandler } from '../src/functions/getSummary/getSummary';
import { budget, budgetSet, cal, day, expense, MONTH, recorded } from './events';
import { type SpendingHarness, spendingHarness } from './support';

let harness: SpendingHarness;
let handler: ReturnType<typeof getSummaryHandler>;

beforeAll(async () => {
  harness = await spendingHarness();
  const { documentClient, tableName } = harness.table;
  handler = getSummaryHandler({
    loadMonthAggregates: buildMonthAggregatesReader(documentClient, tableName),
    loadMonthTotals: buildMonthTotalsReader(documentClient, tableName),
  });
  await harness.deliverEach(
    budgetSet('alice', budget({ minorUnits: 20000 })),
    recorded('alice', expense({ minorUnits: 5000, date: cal.dayOf(cal.monthsAgo(2), 3) })),
    recorded('alice', expense({ minorUnits: 7000, date: day(3) })),
    recorded('alice', expense({ minorUnits: 1000, date: day(4), categoryId: 'dining' })),
  );
});

afterAll(() => harness.close());

/** GET /insights/summary as API Gateway passes it after the JWT authorizer. */
async function getSummary(
  user: string,
  query?: Record<string, string>,
  headers: Record<string, string> = {},
) {
  const response = (await handler(
    httpEvent({
      path: '/insights/summary',
      ...(query ? { query } : {}),
      headers,
      requestId: randomUUID(),
      claims: { sub: user, scope: 'openid spendwise/insights.read' },
    }),
    lambdaContext(),
  )) as HttpResponse;
  return { ...response, json: response.body ? JSON.parse(response.body) : undefined };
}

describe('GET /insights/summary', () => {
  it("summarises the caller's month with budgets and the change from the month before", async () => {
    const response = await getSummary('alice', { month: MONTH });

    expect(response.statusCode).toBe(200);
    expect(response.json.totals).toEqual([
      { categoryId: 'dining', currency: 'EUR', minorUnits: 1000, count: 1 },
      { categoryId: 'groceries', currency: 'EUR', minorUnits: 7000, count: 1 },
    ]);
    expect(response.json.daily).toHaveLength(2);
    expect(response.json.budgets).toEqual([
      expect.objectContaining({
        categoryId: 'groceries',
        spent: { minorUnits: 7000, currency: 'EUR' },
        percent: 35,
      }),
    ]);
    expect(response.json.monthOverMonth.currencies).toEqual([
      {
        currency: 'EUR',
        currentMinorUnits: 8000,
        previousMinorUnits: 5000,
        changeMinorUnits: 3000,
        changePercent: 60,
      },
    ]);
  });

  it("shows another user nothing of the caller's spending", async () => {
    const response = await getSummary('mallory', { month: MONTH });

    expect(response.statusCode).toBe(200);
    expect(response.json).toMatchObject({ totals: [], daily: [], budgets: [], anomalies: [] });
    expect(response.json.monthOverMonth.currencies).toEqual([]);
  });

  it('answers 400 problem+json for a missing or malformed month', async () => {
    const missing = await getSummary('alice');
    const malformed = await getSummary('alice', { month: `${cal.now.getUTCFullYear()}-1` });

    expect([missing.statusCode, malformed.statusCode]).toEqual([400, 400]);
    expect(malformed.headers?.['content-type']).toBe('application/problem+json');
    expect(malformed.json.code).toBe('VALIDATION_FAILED');
  });

  it('answers 304 to If-None-Match until the month changes', async () => {
    const first = await getSummary('alice', { month: MONTH });
    const etag = String(first.headers?.etag);

    const unchanged = await getSummary('alice', { month: MONTH }, { 'if-none-match': etag });
    await harness.deliverEach(recorded('alice', expense({ minorUnits: 10, date: day(5) })));
    const changed = await getSummary('alice', { month: MONTH }, { 'if-none-match': etag });

    expect(unchanged.statusCode).toBe(304);
    expect(changed.statusCode).toBe(200);
  });

  it('refuses a token without the read scope', async () => {
    const response = (await handler(
      httpEvent({
        path: '/insights/summary',
        query: { month: MONTH },
        claims: { sub: 'alice', scope: 'openid' },
      }),
      lambdaContext(),
    )) as HttpResponse;

    expect(response.statusCode).toBe(403);
  });
});
