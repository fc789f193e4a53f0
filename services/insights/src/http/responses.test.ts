import { describe, expect, it } from '@jest/globals';
import { httpSchemaId, testCalendar, violationsOf } from '@spendwise/test-kit';
import { summarizeMonth } from '../domain/summary';
import { writeFallbackReport } from '../report/domain/fallback';
import { pendingReport, readyFields } from '../report/domain/report';
import { presentReport, presentReportSummary } from '../report/http/presentReport';
import {
  emptyMonth,
  octoberAggregates,
  octoberStatistics,
  septemberAggregates,
} from '../report/testing/fixtures';

// The response schemas feed the OpenAPI documents: what the presenters really produce must conform to them.
const { now } = testCalendar();
const schema = (title: string) => httpSchemaId('insights', title);
const key = { userId: 'user-1', reportId: '6f1c2b8e-4d5a-4e3f-9a7b-0c1d2e3f4a5b' };
const pending = pendingReport(key, '2026-10', now);
const statistics = octoberStatistics();
const fallback = {
  ...pending,
  ...readyFields(
    statistics,
    { source: 'fallback', fallbackReason: 'not-enough-data' },
    writeFallbackReport(statistics, 'not-enough-data'),
    now,
  ),
};
const failed = {
  ...pending,
  status: 'failed' as const,
  failure: { reason: 'MODEL_ERROR', message: 'operator detail' },
};

describe('insights responses', () => {
  it.each([
    ['pending', pending],
    ['ready (fallback)', fallback],
    ['failed', failed],
  ])('a %s report conforms to ReportResponse and its summary to ReportListResponse', (_, report) => {
    expect(violationsOf(schema('ReportResponse'), presentReport(report))).toEqual([]);
    expect(violationsOf(schema('ReportListResponse'), { items: [presentReportSummary(report)] })).toEqual([]);
  });

  it('the accepted answer conforms to ReportAcceptedResponse', () => {
    expect(
      violationsOf(schema('ReportAcceptedResponse'), { reportId: key.reportId, status: 'pending' }),
    ).toEqual([]);
  });

  // The fixture's anomaly ids are labels; the system's expense ids are UUIDs.
  const october = octoberAggregates();
  const busy = {
    ...october,
    anomalies: october.anomalies.map((anomaly, i) => ({
      ...anomaly,
      expenseId: `00000000-0000-4000-8000-00000000000${i}`,
    })),
  };

  it.each([
    ['a busy month', busy, septemberAggregates().totals],
    ['an empty month', emptyMonth('user-1', '2026-10'), []],
    [
      'a month with a budget and nothing spent yet',
      {
        ...emptyMonth('user-1', '2026-10'),
        budgets: [
          { categoryId: 'dining', amount: { minorUnits: 15000, currency: 'EUR' }, thresholds: [80, 100] },
        ],
      },
      [],
    ],
  ])('the summary of %s conforms to MonthSummaryResponse', (_, current, previous) => {
    expect(violationsOf(schema('MonthSummaryResponse'), summarizeMonth(current, previous))).toEqual([]);
  });

  it('a failed report never shows its operator detail', () => {
    expect(
      violationsOf(schema('ReportResponse'), { ...presentReport(failed), failure: failed.failure }),
    ).toEqual(['/ must NOT have additional properties']);
  });
});
