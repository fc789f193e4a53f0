import type { Report } from '../domain/report';

/** Polled while pending: never cached. */
export const REPORT_CACHE_CONTROL = 'private, no-store';

/** A report as GET /insights/reports/{id} shows it; a failed one shows its reason code, not operator detail. */
export function presentReport(report: Report) {
  return {
    ...presentReportSummary(report),
    ...(report.content
      ? {
          highlights: report.content.highlights,
          recommendations: report.content.recommendations,
        }
      : {}),
    ...(report.statistics ? { statistics: report.statistics } : {}),
  };
}

/** A report in a listing: status, source and summary, without the statistics. */
export function presentReportSummary(report: Report) {
  return {
    reportId: report.reportId,
    month: report.month,
    status: report.status,
    createdAt: report.createdAt,
    updatedAt: report.updatedAt,
    ...(report.source ? { source: report.source } : {}),
    ...(report.fallbackReason ? { fallbackReason: report.fallbackReason } : {}),
    ...(report.content ? { summary: report.content.summary } : {}),
    ...(report.failure ? { failureReason: report.failure.reason } : {}),
  };
}
