import { checkModelAnswer, type ReportModelAnswer } from '../../report/domain/answer';
import { ModelAnswerInvalidError, ModelThrottledError } from '../../report/domain/errors';
import { buildPrompt } from '../../report/domain/prompt';
import type { ReportOutcome } from '../../report/domain/report';
import type { ReportStatistics } from '../../report/domain/statistics';
import type { AskModel } from '../../report/ports';
import type { RecordMetric } from '../../report/workflowStep';

export interface AskReportModelInput {
  reportId: string;
  statistics: ReportStatistics;
  /** From ComputeStatistics: false when the month has too little data for the model to say anything useful. */
  enoughData: boolean;
}

/** The report's outcome: the model's validated answer, or the not-enough-data fallback (the model not asked). */
export type AskReportModelOutput =
  | { source: 'model'; answer: ReportModelAnswer; modelId: string }
  | Extract<ReportOutcome, { source: 'fallback' }>;

export interface AskReportModelDependencies {
  askModel: AskModel;
  modelId: string;
  recordMetric: RecordMetric;
}

/**
 * Workflow step AskModel: one model call with the statistics, its answer validated against the answer schema.
 * Throttling and timeouts are thrown for the state machine to retry; an invalid answer is thrown as
 * ModelAnswerInvalid for the fallback. Token usage, latency and throttles are recorded as metrics.
 * A month with too little data is answered at once with the not-enough-data fallback, without asking the model:
 * deciding here instead of in a Choice state saves a billed state transition on every report (ADR 23).
 */
export function askReportModel(deps: AskReportModelDependencies) {
  return async ({ statistics, enoughData }: AskReportModelInput): Promise<AskReportModelOutput> => {
    if (!enoughData) return { source: 'fallback', fallbackReason: 'not-enough-data' };
    let reply: Awaited<ReturnType<AskModel>>;
    try {
      reply = await deps.askModel(buildPrompt(statistics));
    } catch (error) {
      if (error instanceof ModelThrottledError) deps.recordMetric('ModelThrottles', 1, 'Count');
      throw error;
    }
    deps.recordMetric('ModelInputTokens', reply.inputTokens, 'Count');
    deps.recordMetric('ModelOutputTokens', reply.outputTokens, 'Count');
    deps.recordMetric('ModelLatency', reply.latencyMs, 'Milliseconds');
    const check =
      reply.toolInput === undefined
        ? {
            valid: false as const,
            problems: [`no submit_report call (stop reason ${reply.stopReason ?? 'none'})`],
          }
        : checkModelAnswer(reply.toolInput);
    if (!check.valid) {
      deps.recordMetric('ModelInvalidAnswers', 1, 'Count');
      throw new ModelAnswerInvalidError(check.problems);
    }
    return { source: 'model', answer: check.answer, modelId: deps.modelId };
  };
}
