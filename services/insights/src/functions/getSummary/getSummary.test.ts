import { describe, expect, it } from '@jest/globals';
import type { HttpResponse } from '@spendwise/lambda-kit/http';
import { httpEvent, lambdaContext } from '@spendwise/lambda-kit/testing';
import type { MonthAggregates } from '../../domain/monthAggregates';
import { getSummaryHandler } from './getSummary';

const empty = (userId: string, month: string): MonthAggregates => ({
  userId,
  month,
  totals: [],
  daily: [],
  budgets: [],
  anomalies: [],
  topMerchants: [],
  categoryNames: {},
});

function summaryApi() {
  const asked: [string, string][] = [];
  const handler = getSummaryHandler({
    loadMonthAggregates: async (userId, month) => {
      asked.push([userId, month]);
      return {
        ...empty(userId, month),
        totals: [{ categoryId: 'dining', currency: 'EUR', minorUnits: 2500, count: 1 }],
      };
    },
    loadMonthTotals: async (userId, month) => {
      asked.push([userId, month]);
      return [];
    },
  });
  const get = async (query: Record<string, string> | undefined, headers: Record<string, string> = {}) =>
    (await handler(
      httpEvent({
        path: '/insights/summary',
        ...(query ? { query } : {}),
        headers,
        claims: { sub: 'u1', scope: 'spendwise/insights.read' },
      }),
      lambdaContext(),
    )) as HttpResponse;
  return { get, asked };
}

describe('GET /insights/summary', () => {
  it('reads the month and the month before for the token subject', async () => {
    const { get, asked } = summaryApi();

    const response = await get({ month: '2026-01' });

    expect(response.statusCode).toBe(200);
    expect(asked).toEqual([
      ['u1', '2026-01'],
      ['u1', '2025-12'],
    ]);
    expect(JSON.parse(String(response.body))).toMatchObject({
      month: '2026-01',
      totals: [{ minorUnits: 2500 }],
    });
  });

  it.each([
    ['without a month', undefined],
    ['with a bad month', { month: '2026-13' }],
    ['with an unknown parameter', { month: '2026-01', userId: 'u2' }],
  ])('answers 400 problem+json %s', async (_name, query) => {
    const { get, asked } = summaryApi();

    const response = await get(query);

    expect(response.statusCode).toBe(400);
    expect(response.headers?.['content-type']).toBe('application/problem+json');
    expect(JSON.parse(String(response.body)).code).toBe('VALIDATION_FAILED');
    expect(asked).toEqual([]);
  });

  it('answers 304 when If-None-Match still matches', async () => {
    const { get } = summaryApi();
    const first = await get({ month: '2026-01' });

    const second = await get({ month: '2026-01' }, { 'if-none-match': String(first.headers?.etag) });

    expect(second.statusCode).toBe(304);
    expect(second.body).toBeUndefined();
  });
});
