import { describe, expect, it } from '@jest/globals';
import type { HttpResponse } from '@spendwise/lambda-kit/http';
import { httpEvent, lambdaContext } from '@spendwise/lambda-kit/testing';
import type { Report, ReportJob, ReportKey } from '../../report/domain/report';
import { requestReportHandler } from './requestReport';

const REPORT_ID = '6f1c1a9e-2c44-4f7e-9d0b-6b1c0c7c1a11';

function fakes(startFails = false) {
  const saved: Report[] = [];
  const discarded: ReportKey[] = [];
  const started: ReportJob[] = [];
  const handler = requestReportHandler({
    savePendingReport: async (report) => {
      saved.push(report);
      return 'created';
    },
    discardPendingReport: async (key) => void discarded.push(key),
    startReportWorkflow: async (job) => {
      if (startFails) throw new Error('ServiceUnavailable');
      started.push(job);
      return 'started';
    },
    now: () => new Date('2026-11-15T10:00:00Z'),
    newReportId: () => REPORT_ID,
  });
  return { saved, discarded, started, handler };
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
    expect(discarded).toEqual([{ userId: 'user-42', reportId: REPORT_ID }]);
  });

  it('refuses a token with only the read scope', async () => {
    const { saved, handler } = fakes();

    const response = await post(handler, { month: '2026-10' }, 'spendwise/insights.read');

    expect(response.statusCode).toBe(403);
    expect(saved).toEqual([]);
  });
});
