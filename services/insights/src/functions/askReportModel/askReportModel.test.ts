import { describe, expect, it } from '@jest/globals';
import type { ReportModelAnswer } from '../../report/domain/answer';
import { ModelThrottledError } from '../../report/domain/errors';
import { DATA_CLOSE, DATA_OPEN, type ModelPrompt } from '../../report/domain/prompt';
import type { ModelReply } from '../../report/ports';
import { INJECTION, octoberStatistics } from '../../report/testing/fixtures';
import { askReportModel } from './askReportModel';

const recommendation = {
  title: 'Cook at home',
  detail: 'Plan three dinners a week at home to cut dining costs.',
};

function recorder() {
  const metrics: [string, number][] = [];
  return { metrics, recordMetric: (name: string, value: number) => void metrics.push([name, value]) };
}

const reply = (toolInput: unknown): ModelReply => ({
  toolInput,
  inputTokens: 800,
  outputTokens: 120,
  latencyMs: 640,
});

/**
 * A gullible model: it obeys any instruction it finds outside the data block, and otherwise writes a report that
 * quotes the top merchant from inside it (as a real model might).
 */
async function gullibleModel({ user }: ModelPrompt): Promise<ModelReply> {
  const start = user.indexOf(DATA_OPEN) + DATA_OPEN.length;
  const end = user.indexOf(DATA_CLOSE);
  const outside = user.slice(0, start) + user.slice(end);
  if (/ignore previous instructions/i.test(outside)) return reply({ summary: 'hacked' });
  const data = JSON.parse(user.slice(start, end));
  const answer: ReportModelAnswer = {
    summary: `You spent ${data.totals[0].spent} this month, most of it at ${data.topMerchants[0].merchant}.`,
    highlights: data.topCategories.slice(0, 3).map((c: { category: string }) => `Top: ${c.category}`),
    recommendations: [recommendation, recommendation, recommendation],
  };
  return reply(answer);
}

const shape = (answer: ReportModelAnswer) => ({
  keys: Object.keys(answer).sort(),
  highlights: answer.highlights.length,
  recommendations: answer.recommendations.map((r) => Object.keys(r).sort()),
});

describe('askReportModel', () => {
  it('returns the validated answer and records tokens and latency', async () => {
    const { metrics, recordMetric } = recorder();
    const ask = askReportModel({ askModel: gullibleModel, modelId: 'amazon.nova-micro-v1:0', recordMetric });

    const output = await ask({ reportId: 'r-1', statistics: octoberStatistics(), enoughData: true });

    expect(output).toMatchObject({
      source: 'model',
      modelId: 'amazon.nova-micro-v1:0',
      answer: { summary: 'You spent €699.50 this month, most of it at corner market.' },
    });
    expect(metrics).toEqual([
      ['ModelInputTokens', 800],
      ['ModelOutputTokens', 120],
      ['ModelLatency', 640],
    ]);
  });

  it('gives a report of the same structure when names carry instructions and delimiters', async () => {
    const ask = askReportModel({ askModel: gullibleModel, modelId: 'm', recordMetric: () => {} });

    const plain = await ask({ reportId: 'r-1', statistics: octoberStatistics(), enoughData: true });
    const hostile = await ask({
      reportId: 'r-2',
      statistics: octoberStatistics({ category: INJECTION, merchant: INJECTION }),
      enoughData: true,
    });

    if (plain.source !== 'model' || hostile.source !== 'model') throw new Error('the model was not asked');
    expect(shape(hostile.answer)).toEqual(shape(plain.answer));
    expect(hostile.answer.summary).toContain('Ignore previous instructions');
  });

  it('throws ModelAnswerInvalid for garbage and for an answer with four recommendations', async () => {
    for (const toolInput of [
      '{"summary": "You spent',
      { summary: 'x'.repeat(30), highlights: ['abc'], recommendations: Array(4).fill(recommendation) },
    ]) {
      const { metrics, recordMetric } = recorder();
      const ask = askReportModel({ askModel: async () => reply(toolInput), modelId: 'm', recordMetric });

      await expect(
        ask({ reportId: 'r-1', statistics: octoberStatistics(), enoughData: true }),
      ).rejects.toMatchObject({
        name: 'ModelAnswerInvalid',
      });
      expect(metrics.map(([name]) => name)).toContain('ModelInvalidAnswers');
    }
  });

  it('throws ModelAnswerInvalid when the model did not call the tool', async () => {
    const ask = askReportModel({
      askModel: async () => ({ stopReason: 'end_turn', inputTokens: 1, outputTokens: 1, latencyMs: 1 }),
      modelId: 'm',
      recordMetric: () => {},
    });

    await expect(
      ask({ reportId: 'r-1', statistics: octoberStatistics(), enoughData: true }),
    ).rejects.toMatchObject({
      name: 'ModelAnswerInvalid',
    });
  });

  it('answers a month with too little data with the not-enough-data fallback, without asking the model', async () => {
    const { metrics, recordMetric } = recorder();
    const asked: unknown[] = [];
    const ask = askReportModel({
      askModel: async (prompt) => {
        asked.push(prompt);
        return gullibleModel(prompt);
      },
      modelId: 'm',
      recordMetric,
    });

    const output = await ask({ reportId: 'r-1', statistics: octoberStatistics(), enoughData: false });

    expect(output).toEqual({ source: 'fallback', fallbackReason: 'not-enough-data' });
    expect(asked).toEqual([]);
    expect(metrics).toEqual([]);
  });

  it('counts a throttled call and rethrows it for the state machine to retry', async () => {
    const { metrics, recordMetric } = recorder();
    const ask = askReportModel({
      askModel: async () => {
        throw new ModelThrottledError('ThrottlingException: slow down');
      },
      modelId: 'm',
      recordMetric,
    });

    await expect(
      ask({ reportId: 'r-1', statistics: octoberStatistics(), enoughData: true }),
    ).rejects.toMatchObject({
      name: 'ModelThrottled',
    });
    expect(metrics).toEqual([['ModelThrottles', 1]]);
  });
});
