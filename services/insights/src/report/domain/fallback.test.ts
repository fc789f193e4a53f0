import { describe, expect, it } from '@jest/globals';
import { emptyMonth, INJECTION, octoberStatistics } from '../testing/fixtures';
import { checkModelAnswer } from './answer';
import { writeFallbackReport } from './fallback';
import { computeStatistics } from './statistics';

describe('writeFallbackReport', () => {
  it('writes the same report for the same statistics', () => {
    const first = writeFallbackReport(octoberStatistics(), 'model-unavailable');
    const second = writeFallbackReport(octoberStatistics(), 'model-unavailable');

    expect(second).toEqual(first);
  });

  it('summarises the month from the statistics and recommends from budgets, increases and anomalies', () => {
    const report = writeFallbackReport(octoberStatistics(), 'invalid-answer');

    expect(report.summary).toBe(
      'In 2026-10 you spent €699.50 across 20 expenses, 46% more than in 2026-09 (€480.00). You also spent in 1 other currency. Your largest category was Groceries (60% of spending in EUR).',
    );
    expect(report.recommendations.map((r) => r.title)).toEqual([
      'Rein in Groceries',
      'Watch Dining',
      'Look into Dining',
    ]);
    expect(report.highlights).toContain('1 budget exceeded.');
  });

  it('is valid against the model answer schema, for a busy month, an empty one and hostile names', () => {
    const empty = computeStatistics(emptyMonth('u', '2026-10'), emptyMonth('u', '2026-09'));
    const hostile = octoberStatistics({ category: INJECTION.repeat(5), merchant: INJECTION });

    for (const report of [
      writeFallbackReport(octoberStatistics(), 'model-unavailable'),
      writeFallbackReport(empty, 'not-enough-data'),
      writeFallbackReport(hostile, 'invalid-answer'),
    ]) {
      expect(checkModelAnswer(report)).toEqual({ valid: true, answer: report });
    }
  });

  it('says when there was too little data', () => {
    const empty = computeStatistics(emptyMonth('u', '2026-10'), emptyMonth('u', '2026-09'));

    expect(writeFallbackReport(empty, 'not-enough-data').summary).toBe(
      'No expenses were recorded in 2026-10, so there is nothing to report yet.',
    );
  });

  it('agrees counts with their nouns: one expense on one day', () => {
    const october = octoberStatistics();
    const single = {
      ...october,
      expenseCount: 1,
      activeDays: 1,
      totals: [{ ...october.totals[0]!, expenseCount: 1 }],
    };

    const report = writeFallbackReport(single, 'not-enough-data');

    expect(report.highlights[0]).toBe('1 expense on 1 day.');
    expect(report.summary).toContain('across 1 expense,');
    expect(report.summary).toContain('With 1 expense recorded,');
  });
});
