/**
 * Where reports live in the insights table: `USER#<userId>` / `REPORT#<reportId>`, and in GSI1 under
 * `USER#<userId>#REPORTS` / `<month>#<createdAt>`, so a user's reports of a month are one query, newest last.
 */
import type { Report, ReportKey } from '../domain/report';

export const REPORT_ITEM_TYPE = 'Report';

export const reportKey = ({ userId, reportId }: ReportKey) => ({
  PK: `USER#${userId}`,
  SK: `REPORT#${reportId}`,
});

export const reportsOfUser = (userId: string) => `USER#${userId}#REPORTS`;

export function reportItem(report: Report): Record<string, unknown> {
  return {
    ...reportKey(report),
    GSI1PK: reportsOfUser(report.userId),
    GSI1SK: `${report.month}#${report.createdAt}`,
    type: REPORT_ITEM_TYPE,
    ...report,
  };
}

const FIELDS = [
  'userId',
  'reportId',
  'month',
  'status',
  'createdAt',
  'updatedAt',
  'source',
  'fallbackReason',
  'modelId',
  'content',
  'statistics',
  'failure',
] as const;

/** The report in an item (keys and index attributes left out). */
export function reportFromItem(item: Record<string, unknown>): Report {
  const report: Record<string, unknown> = {};
  for (const field of FIELDS) if (item[field] !== undefined) report[field] = item[field];
  return report as unknown as Report;
}

/**
 * The marker of a user's requested report in flight for a month (at most one): `reportId`, `lockedUntil` (epoch
 * seconds, after which a stuck marker no longer blocks), `expiresAt` (TTL). Removed when the report is final.
 */
export const inFlightKey = (userId: string, month: string) => ({
  PK: `USER#${userId}`,
  SK: `REPORT_IN_FLIGHT#${month}`,
});

/** The count of a user's requested reports on one UTC day (`requests`, `expiresAt`). */
export const dailyRequestsKey = (userId: string, day: string) => ({
  PK: `USER#${userId}`,
  SK: `REPORT_REQUESTS#${day}`,
});
