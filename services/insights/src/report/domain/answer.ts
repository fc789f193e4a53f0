/**
 * The model's answer: the tool it is forced to call, the schema of that tool's input, and the validation every
 * answer passes before anyone sees it. The schema is src/http/schemas/ReportModelAnswer.schema.json (compiled by
 * `pnpm gen` into a standalone validator, so the bundle carries no ajv compiler); the copy below is what the
 * model is shown, and a test keeps the two identical.
 */
import type { ReportModelAnswer } from '../../generated/http';
import { validateReportModelAnswer } from '../../generated/httpValidators';

export type { ReportModelAnswer };

export const REPORT_TOOL_NAME = 'submit_report';

/** The tool input schema shown to the model (the JSON Schema file without `$schema`, `$id` and `title`). */
export const REPORT_ANSWER_SCHEMA = {
  description:
    'The structured answer the model must give for a monthly report (the input of its submit_report tool). Validated before anyone sees it.',
  type: 'object',
  additionalProperties: false,
  required: ['summary', 'highlights', 'recommendations'],
  properties: {
    summary: {
      type: 'string',
      minLength: 20,
      maxLength: 600,
      description: 'Two to four sentences on the month, citing amounts exactly as given',
    },
    highlights: {
      type: 'array',
      minItems: 1,
      maxItems: 5,
      description: 'Short factual observations taken from the data',
      items: { type: 'string', minLength: 3, maxLength: 200 },
    },
    recommendations: {
      type: 'array',
      minItems: 3,
      maxItems: 3,
      description: 'Exactly three practical, specific recommendations for next month',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['title', 'detail'],
        properties: {
          title: { type: 'string', minLength: 3, maxLength: 80 },
          detail: { type: 'string', minLength: 10, maxLength: 300 },
        },
      },
    },
  },
} as const;

/** The schema as the model is shown it: the top-level description speaks to developers, not to the model. */
const { description: _forDevelopers, ...TOOL_INPUT_SCHEMA } = REPORT_ANSWER_SCHEMA;

/** The tool the model must call to answer (Converse `toolConfig.tools[0].toolSpec`). */
export const REPORT_TOOL = {
  name: REPORT_TOOL_NAME,
  description: 'Submit the monthly spending report, once.',
  inputSchema: TOOL_INPUT_SCHEMA,
};

export type AnswerCheck = { valid: true; answer: ReportModelAnswer } | { valid: false; problems: string[] };

/** Characters a report has no use for (controls other than tab and newline): their presence marks garbage. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f]/;

const texts = (answer: ReportModelAnswer): string[] => [
  answer.summary,
  ...answer.highlights,
  ...answer.recommendations.flatMap((recommendation) => [recommendation.title, recommendation.detail]),
];

/**
 * Checks a model's tool input against the answer schema (and refuses control characters or blank texts).
 *
 * @example const check = checkModelAnswer(toolUse.input); if (!check.valid) throw new ModelAnswerInvalidError(check.problems);
 */
export function checkModelAnswer(input: unknown): AnswerCheck {
  if (!validateReportModelAnswer(input)) {
    const problems = (validateReportModelAnswer.errors ?? []).map(
      (error) => `${error.instancePath || '/'} ${error.message ?? 'is invalid'}`,
    );
    return { valid: false, problems };
  }
  const blank = texts(input).find((text) => text.trim() === '' || CONTROL.test(text));
  if (blank !== undefined) return { valid: false, problems: ['a text is blank or holds control characters'] };
  return { valid: true, answer: input };
}
