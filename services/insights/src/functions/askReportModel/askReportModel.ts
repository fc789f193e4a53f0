import { checkModelAnswer, type ReportModelAnswer } from '../../report/domain/answer';
import { ModelAnswerInvalidError, ModelThrottledError } from '../../report/domain/errors';
import { buildPrompt } from '../../report/domain/prompt';
import type { ReportStatistics } from '../../report/domain/statistics';
import type { AskModel } from '../../report/ports';
import type { RecordMetric } from '../../report/workflowStep';

export interface AskReportModelInput {
  reportId: string;
  statistics: ReportStatistics;
}

export interface AskReportModelOutput {
  answer: ReportModelAnswer;
  modelId: string;
}

export interface AskReportModelDependencies {
  askModel: AskModel;
  modelId: string;
  recordMetric: RecordMetric;
}

/**
 * Workflow step AskModel: one model call with the statistics, its answer validated against the answer schema.
 * Throttling and timeouts are thrown for the state machine to retry; an invalid answer is thrown as
 * ModelAnswerInvalid for the fallback. Token usage, latency and throttles are recorded as metrics.
 */
export function askReportModel(deps: AskReportModelDependencies) {
  return async ({ statistics }: AskReportModelInput): Promise<AskReportModelOutput> => {
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
    return { answer: check.answer, modelId: deps.modelId };
  };
}
