/**
 * A monthly insight report as the insights table keeps it and the API shows it: pending while the workflow
 * runs, then ready (written by the model or by the fallback) or failed.
 */
import { createHash, randomUUID } from 'node:crypto';
import type { ReportModelAnswer } from './answer';
import type { FallbackReason } from './fallback';
import type { ReportStatistics } from './statistics';

export type ReportStatus = 'pending' | 'ready' | 'failed';
export type ReportSource = 'model' | 'fallback';

export interface ReportKey {
  userId: string;
  reportId: string;
}

export interface Report extends ReportKey {
  month: string;
  status: ReportStatus;
  createdAt: string;
  updatedAt: string;
  /** Ready reports only. */
  source?: ReportSource;
  fallbackReason?: FallbackReason;
  modelId?: string;
  content?: ReportModelAnswer;
  statistics?: ReportStatistics;
  /** Failed reports only: a stable code and a message for operators. */
  failure?: { reason: string; message: string };
}

/** What the workflow decided: the model's validated answer, or why the fallback writes the report. */
export type ReportOutcome =
  | { source: 'model'; answer: ReportModelAnswer; modelId: string }
  | { source: 'fallback'; fallbackReason: FallbackReason };

/** The input of one workflow execution (also its execution name: the report id). */
export interface ReportJob extends ReportKey {
  month: string;
  correlationId: string;
}

/** A new report's id. */
export const newReportId = (): string => randomUUID();

/**
 * The id of the scheduled report of one user and month: the same on every run of the schedule, so a retried run
 * starts nothing twice. A UUID (version 8, name-based) drawn from a SHA-256 of the pair.
 */
export function scheduledReportId(userId: string, month: string): string {
  const hex = createHash('sha256').update(`scheduled-report\u0000${userId}\u0000${month}`).digest('hex');
  const variant = ((Number.parseInt(hex[16] ?? '0', 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** A report just requested: nothing but its month and owner. */
export function pendingReport(key: ReportKey, month: string, now: Date): Report {
  const at = now.toISOString();
  return { ...key, month, status: 'pending', createdAt: at, updatedAt: at };
}

/** The fields a report gains when it becomes ready. */
export function readyFields(
  statistics: ReportStatistics,
  outcome: ReportOutcome,
  content: ReportModelAnswer,
  now: Date,
): Pick<Report, 'status' | 'source' | 'fallbackReason' | 'modelId' | 'content' | 'statistics' | 'updatedAt'> {
  return {
    status: 'ready',
    source: outcome.source,
    ...(outcome.source === 'model'
      ? { modelId: outcome.modelId }
      : { fallbackReason: outcome.fallbackReason }),
    content,
    statistics,
    updatedAt: now.toISOString(),
  };
}
