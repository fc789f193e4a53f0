/** What the report workflow needs from the world, as function types; adapters in ./adapters implement them. */
import type { EventEnvelope } from '@spendwise/contracts';
import type { ModelPrompt } from './domain/prompt';
import type { Report, ReportJob, ReportKey } from './domain/report';

export type { ListActiveUsers, LoadMonthAggregates } from '../domain/monthAggregates';

/** Writes a pending report; 'exists' when a report with this id is already there (nothing is overwritten). */
export type SavePendingReport = (report: Report) => Promise<'created' | 'exists'>;

/**
 * What reserving a requested report gave: a new pending report, the one of that month still in flight (nothing
 * new written), or the daily limit reached (nothing written; try again after `retryAfterSeconds`).
 */
export type Reservation =
  | { outcome: 'created' }
  | { outcome: 'in-flight'; reportId: string }
  | { outcome: 'limit-reached'; limit: number; retryAfterSeconds: number };

/**
 * Writes a user-requested pending report, its month's in-flight marker and one more of the day's requests in
 * one transaction: at most one report per user and month in flight, at most `dailyLimit` new reports per user
 * and UTC day, however many requests run at once.
 */
export type ReserveReport = (report: Report, limits: { dailyLimit: number }) => Promise<Reservation>;

/**
 * Removes a pending report whose workflow could not be started (only while it is still pending), with its
 * in-flight marker, and gives the day's request back.
 */
export type DiscardPendingReport = (report: Report) => Promise<void>;

/** Removes a report while it is still pending (a scheduled report whose workflow could not be started). */
export type RemovePendingReport = (key: ReportKey) => Promise<void>;

/**
 * Starts the workflow of one report, named by the report id. An EXPRESS state machine does not refuse a name used
 * before: callers start a report only after writing it pending themselves (ADR 29).
 */
export type StartReportWorkflow = (job: ReportJob) => Promise<'started' | 'already-started'>;

/**
 * The reports still pending that were created before `before` (the sparse PendingReports index, eventually
 * consistent: read each report again before acting on it).
 */
export type ListReportsPendingSince = (before: Date) => Promise<ReportKey[]>;

/** Reads one of the owner's reports, strongly consistent. */
export type FindReport = (key: ReportKey) => Promise<Report | undefined>;

/** The owner's reports of one month, newest first. */
export type ListReportsOfMonth = (userId: string, month: string) => Promise<Report[]>;

/**
 * Writes the final state of a report (ready or failed) and its event in one transaction, if the report is still
 * pending (or missing). 'already-final' when it was already ready or failed: nothing is written twice.
 */
export type FinishReport = (report: Report, event: EventEnvelope) => Promise<'finished' | 'already-final'>;

/** What one model call gave back. */
export interface ModelReply {
  /** The input of the tool call, if the model made one (unvalidated). */
  toolInput?: unknown;
  stopReason?: string;
  inputTokens: number;
  outputTokens: number;
  latencyMs: number;
}

/**
 * Asks the model once (no retries: the state machine owns them), forcing the submit_report tool. Throws
 * ModelThrottledError, ModelTimeoutError or ModelUnavailableError.
 */
export type AskModel = (prompt: ModelPrompt) => Promise<ModelReply>;

export type Clock = () => Date;
