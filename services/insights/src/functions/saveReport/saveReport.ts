import { createEvent, InsightReportReady } from '@spendwise/contracts';
import { checkModelAnswer } from '../../report/domain/answer';
import { writeFallbackReport } from '../../report/domain/fallback';
import {
  pendingReport,
  type Report,
  type ReportJob,
  type ReportOutcome,
  readyFields,
} from '../../report/domain/report';
import type { ReportStatistics } from '../../report/domain/statistics';
import type { Clock, FindReport, FinishReport } from '../../report/ports';
import type { RecordMetric } from '../../report/workflowStep';

export interface SaveReportInput extends ReportJob {
  statistics: ReportStatistics;
  outcome: ReportOutcome;
}

export interface SaveReportDependencies {
  findReport: FindReport;
  finishReport: FinishReport;
  now: Clock;
  recordMetric: RecordMetric;
}

/** The outcome to save: a model answer is checked once more, since it crossed the state machine as plain JSON. */
function settled(outcome: ReportOutcome): ReportOutcome {
  if (outcome.source === 'model' && !checkModelAnswer(outcome.answer).valid)
    return { source: 'fallback', fallbackReason: 'invalid-answer' };
  return outcome;
}

function readyReport(input: SaveReportInput, existing: Report | undefined, now: Date): Report {
  const outcome = settled(input.outcome);
  const content =
    outcome.source === 'model'
      ? outcome.answer
      : writeFallbackReport(input.statistics, outcome.fallbackReason);
  const base = existing ?? pendingReport(input, input.month, now);
  return { ...base, ...readyFields(input.statistics, outcome, content, now) };
}

/**
 * Workflow step SaveReport: writes the ready report (the model's answer, or the fallback written here) and its
 * InsightReportReady event in one transaction. A report that is already ready or failed is left alone, so a
 * retried step or a re-run execution announces nothing twice.
 */
export function saveReport(deps: SaveReportDependencies) {
  return async (input: SaveReportInput): Promise<{ status: Report['status']; source?: Report['source'] }> => {
    const existing = await deps.findReport(input);
    if (existing && existing.status !== 'pending')
      return { status: existing.status, source: existing.source };
    const report = readyReport(input, existing, deps.now());
    const event = createEvent(
      InsightReportReady,
      {
        reportId: report.reportId,
        month: report.month,
        source: report.source ?? 'fallback',
        ...(report.fallbackReason ? { fallbackReason: report.fallbackReason } : {}),
        summary: report.content?.summary ?? '',
      },
      { userId: report.userId, correlationId: input.correlationId, causationId: report.reportId },
    );
    if ((await deps.finishReport(report, event)) === 'finished') {
      deps.recordMetric('ReportsGenerated', 1, 'Count', { source: report.source ?? 'fallback' });
    }
    return { status: 'ready', source: report.source };
  };
}
