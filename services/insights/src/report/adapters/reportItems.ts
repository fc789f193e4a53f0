/**
 * Where reports live in the insights table: `USER#<userId>` / `REPORT#<reportId>`, and in GSI1 under
 * `USER#<userId>#REPORTS` / `<month>#<createdAt>`, so a user's reports of a month are one query, newest last.
 * While a report is pending it is also in the sparse index `PendingReports` (keys only), under `pendingShard` /
 * `pendingSince`, so the sweeper finds the reports pending for too long with a Query per shard (ADR 29).
 */
import { createHash } from 'node:crypto';
import type { Report, ReportKey } from '../domain/report';

export const REPORT_ITEM_TYPE = 'Report';

export const reportKey = ({ userId, reportId }: ReportKey) => ({
  PK: `USER#${userId}`,
  SK: `REPORT#${reportId}`,
});

export const reportsOfUser = (userId: string) => `USER#${userId}#REPORTS`;

/** The sparse index of pending reports by age: keys only, written only while a report is pending. */
export const PENDING_REPORTS_INDEX = 'PendingReports';

/**
 * Partitions of the pending-reports index. The monthly run writes (and its executions then remove) every active
 * user's report within minutes, two index writes each; four partitions spread that load as the outbox index does
 * (docs/adr/0007). Readers query every shard. Raising the count is safe; lowering it is not.
 */
export const PENDING_REPORTS_SHARDS = 4;

/** The pending-reports shard of a report: stable, spread evenly by a hash of its id. */
export const pendingShard = (reportId: string): string =>
  `PENDING#${createHash('sha256').update(reportId).digest().readUInt8(0) % PENDING_REPORTS_SHARDS}`;

/** Every shard of the pending-reports index. */
export const pendingShards = (): string[] =>
  Array.from({ length: PENDING_REPORTS_SHARDS }, (_, shard) => `PENDING#${shard}`);

/** A report's key from the keys of its item (as the keys-only pending index returns them). */
export function reportKeyOfItem(item: Record<string, unknown>): ReportKey | undefined {
  const pk = String(item.PK ?? '');
  const sk = String(item.SK ?? '');
  if (!pk.startsWith('USER#') || !sk.startsWith('REPORT#')) return undefined;
  return { userId: pk.slice('USER#'.length), reportId: sk.slice('REPORT#'.length) };
}

/**
 * The item of a report. A pending report carries `pendingShard` / `pendingSince` (its `createdAt`), which put
 * it in the PendingReports index; a ready or failed report is written without them, which takes it out.
 */
export function reportItem(report: Report): Record<string, unknown> {
  return {
    ...reportKey(report),
    GSI1PK: reportsOfUser(report.userId),
    GSI1SK: `${report.month}#${report.createdAt}`,
    ...(report.status === 'pending'
      ? { pendingShard: pendingShard(report.reportId), pendingSince: report.createdAt }
      : {}),
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
