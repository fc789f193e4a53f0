import { describe, expect, it } from '@jest/globals';
import type { HttpResponse } from '@spendwise/lambda-kit/http';
import { httpEvent, lambdaContext } from '@spendwise/lambda-kit/testing';
import type { Report, ReportJob } from '../../report/domain/report';
import type { Reservation } from '../../report/ports';
import { dailyLimitFromEnv, requestReportHandler } from './requestReport';

const REPORT_ID = '6f1c1a9e-2c44-4f7e-9d0b-6b1c0c7c1a11';

function fakes(startFails = false, reservation: Reservation = { outcome: 'created' }) {
  const saved: Report[] = [];
  const discarded: Report[] = [];
  const started: ReportJob[] = [];
  const limits: number[] = [];
  const handler = requestReportHandler({
    reserveReport: async (report, { dailyLimit }) => {
      limits.push(dailyLimit);
      if (reservation.outcome === 'created') saved.push(report);
      return reservation;
    },
    dailyLimit: 4,
    discardPendingReport: async (report) => void discarded.push(report),
    startReportWorkflow: async (job) => {
      if (startFails) throw new Error('ServiceUnavailable');
      started.push(job);
      return 'started';
    },
    now: () => new Date('2026-11-15T10:00:00Z'),
    newReportId: () => REPORT_ID,
  });
  return { saved, discarded, started, limits, handler };
}

const post = async (
  handler: ReturnType<typeof fakes>['handler'],
  body: unknown,
  scope = 'spendwise/insights.write',
) =>
  (await handler(
    httpEvent({
      method: 'POST',
      path: '/insights/reports',
      body,
      claims: { sub: 'user-42', scope },
      headers: { 'x-correlation-id': 'corr-7' },
    }),
    lambdaContext(),
  )) as HttpResponse;

describe('POST /insights/reports', () => {
  it('records a pending report of the token user, starts its workflow and answers 202 with a Location', async () => {
    const { saved, started, handler } = fakes();

    const response = await post(handler, { month: '2026-10' });

    expect(response.statusCode).toBe(202);
    expect(JSON.parse(response.body as string)).toEqual({ reportId: REPORT_ID, status: 'pending' });
    expect(response.headers?.location).toBe(`/insights/reports/${REPORT_ID}`);
    expect(saved).toEqual([
      expect.objectContaining({
        userId: 'user-42',
        reportId: REPORT_ID,
        month: '2026-10',
        status: 'pending',
      }),
    ]);
    expect(started).toEqual([
      { userId: 'user-42', reportId: REPORT_ID, month: '2026-10', correlationId: 'corr-7' },
    ]);
  });

  it('refuses a future month with 400 INVALID_MONTH and writes nothing', async () => {
    const { saved, started, handler } = fakes();

    const response = await post(handler, { month: '2026-12' });

    expect(response.statusCode).toBe(400);
    expect(response.headers?.['content-type']).toContain('application/problem+json');
    expect(JSON.parse(response.body as string).code).toBe('INVALID_MONTH');
    expect(saved).toEqual([]);
    expect(started).toEqual([]);
  });

  it.each([[{ month: '2026-13' }], [{ month: '2026-10', userId: 'someone-else' }], [{}]])(
    'refuses %j with 400 VALIDATION_FAILED',
    async (body) => {
      const { saved, handler } = fakes();

      const response = await post(handler, body);

      expect(response.statusCode).toBe(400);
      expect(JSON.parse(response.body as string).code).toBe('VALIDATION_FAILED');
      expect(saved).toEqual([]);
    },
  );

  it('removes the pending report again and answers 503 when the workflow cannot start', async () => {
    const { discarded, handler } = fakes(true);

    const response = await post(handler, { month: '2026-10' });

    expect(response.statusCode).toBe(503);
    expect(JSON.parse(response.body as string).code).toBe('REPORT_NOT_STARTED');
    expect(discarded).toEqual([
      expect.objectContaining({ userId: 'user-42', reportId: REPORT_ID, month: '2026-10' }),
    ]);
  });

  it('answers 200 with the report still in flight for the month, and starts nothing', async () => {
    const inFlight = '0b7e3c1e-5f1a-4c55-8f0e-3f6f1f9d2a77';
    const { started, limits, handler } = fakes(false, { outcome: 'in-flight', reportId: inFlight });

    const response = await post(handler, { month: '2026-10' });

    expect(response.statusCode).toBe(200);
    expect(JSON.parse(response.body as string)).toEqual({ reportId: inFlight, status: 'pending' });
    expect(response.headers?.location).toBe(`/insights/reports/${inFlight}`);
    expect(started).toEqual([]);
    expect(limits).toEqual([4]);
  });

  it('answers 429 REPORT_LIMIT_REACHED with Retry-After past the daily limit, and starts nothing', async () => {
    const { started, handler } = fakes(false, {
      outcome: 'limit-reached',
      limit: 4,
      retryAfterSeconds: 50_400,
    });

    const response = await post(handler, { month: '2026-10' });

    expect(response.statusCode).toBe(429);
    expect(response.headers?.['retry-after']).toBe('50400');
    expect(response.headers?.['content-type']).toContain('application/problem+json');
    expect(JSON.parse(response.body as string)).toMatchObject({ code: 'REPORT_LIMIT_REACHED', limit: 4 });
    expect(started).toEqual([]);
  });

  it('refuses a token with only the read scope', async () => {
    const { saved, handler } = fakes();

    const response = await post(handler, { month: '2026-10' }, 'spendwise/insights.read');

    expect(response.statusCode).toBe(403);
    expect(saved).toEqual([]);
  });
});

describe('REPORT_DAILY_LIMIT', () => {
  it('defaults to 10 and takes a positive integer, nothing else', () => {
    expect(dailyLimitFromEnv(undefined)).toBe(10);
    expect(dailyLimitFromEnv('3')).toBe(3);
    expect(() => dailyLimitFromEnv('0')).toThrow(/REPORT_DAILY_LIMIT/);
    expect(() => dailyLimitFromEnv('2.5')).toThrow(/REPORT_DAILY_LIMIT/);
    expect(() => dailyLimitFromEnv('many')).toThrow(/REPORT_DAILY_LIMIT/);
  });
});
