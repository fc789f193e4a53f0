import { readFileSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import { checkModelAnswer, REPORT_ANSWER_SCHEMA, REPORT_TOOL } from './answer';

const recommendation = {
  title: 'Cook at home',
  detail: 'Plan three dinners a week at home to cut dining costs.',
};
const valid = {
  summary: 'You spent 699.50 EUR in October, 46% more than in September.',
  highlights: ['Groceries went over budget.'],
  recommendations: [recommendation, recommendation, recommendation],
};

describe('checkModelAnswer', () => {
  it('accepts a complete answer with exactly three recommendations', () => {
    expect(checkModelAnswer(valid)).toEqual({ valid: true, answer: valid });
  });

  it.each([
    ['text instead of a tool input', 'Here is the JSON you asked for: {"summary": "You spent'],
    ['null', null],
    ['a missing summary', { ...valid, summary: undefined }],
    ['no highlights', { ...valid, highlights: [] }],
    ['four recommendations', { ...valid, recommendations: [...valid.recommendations, recommendation] }],
    ['two recommendations', { ...valid, recommendations: valid.recommendations.slice(0, 2) }],
    ['an extra property', { ...valid, mood: 'cheerful' }],
    [
      'a recommendation without detail',
      { ...valid, recommendations: [{ title: 'x' }, recommendation, recommendation] },
    ],
    ['an overlong summary', { ...valid, summary: 'a'.repeat(601) }],
    ['control characters', { ...valid, highlights: ['\u0007\u0007\u0007'] }],
    ['a blank highlight', { ...valid, highlights: ['     '] }],
  ])('refuses %s', (_case, input) => {
    const check = checkModelAnswer(input);

    expect(check.valid).toBe(false);
  });
});

describe('REPORT_ANSWER_SCHEMA', () => {
  it('is the JSON Schema file the validator is compiled from', () => {
    const file = JSON.parse(
      readFileSync(new URL('../../http/schemas/ReportModelAnswer.schema.json', import.meta.url), 'utf8'),
    );
    const { $schema: _schema, $id: _id, title: _title, ...shown } = file;

    expect(REPORT_ANSWER_SCHEMA).toEqual(shown);
  });

  it('is shown to the model with every constraint, only without the description meant for developers', () => {
    const { description, ...constraints } = REPORT_ANSWER_SCHEMA;

    expect(description).toMatch(/submit_report/);
    expect(REPORT_TOOL.inputSchema).toEqual(constraints);
  });
});
