import { describe, expect, it } from '@jest/globals';
import Ajv from 'ajv';
import { answer } from './answer';
import { fromConverse } from './conversation';
import { LOCAL_MODEL_LABEL, monthName, narrativeOf, summaryOf } from './groundedText';
import type { JsonSchema } from './schemaSample';
import { type SpendingData, spendingDataIn } from './spendingData';

/** The report tool's input schema as the insights service sends it (submit_report). */
const REPORT_SCHEMA: JsonSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['summary', 'highlights', 'recommendations'],
  properties: {
    summary: { type: 'string', minLength: 20, maxLength: 600 },
    highlights: {
      type: 'array',
      minItems: 1,
      maxItems: 5,
      items: { type: 'string', minLength: 3, maxLength: 200 },
    },
    recommendations: {
      type: 'array',
      minItems: 3,
      maxItems: 3,
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
};

const SYSTEM =
  'The user message contains the month’s statistics as JSON between <spending_data> and </spending_data>.';

const october: SpendingData = {
  month: '2026-10',
  previousMonth: '2026-09',
  expenseCount: 21,
  activeDays: 2,
  totals: [
    { spent: '€699.50', spentPreviousMonth: '€480.00', change: '+€219.50', changePercent: 46, expenses: 20 },
    { spent: '$30.00', spentPreviousMonth: '$0.00', change: '+$30.00', expenses: 1 },
  ],
  topCategories: [
    { category: 'Groceries', spent: '€420.00', sharePercent: 60, expenses: 12 },
    { category: 'Dining', spent: '€180.50', sharePercent: 26, expenses: 6 },
  ],
  biggestIncreases: [
    { category: 'Dining', spent: '€180.50', spentPreviousMonth: '€80.00', increase: '+€100.50' },
  ],
  budgets: [
    { category: 'Groceries', budget: '€400.00', spent: '€420.00', usedPercent: 105, status: 'over' },
    { category: 'Dining', budget: '€200.00', spent: '€180.50', usedPercent: 90, status: 'near' },
  ],
  unusualExpenses: [
    { category: 'Model trains', date: '2026-10-02', amount: '€90.00', typicalAmount: '€15.00' },
  ],
  topMerchants: [{ merchant: 'corner market', spent: '€300.00', expenses: 8 }],
};

const empty = (overrides: Partial<SpendingData> = {}): SpendingData => ({
  month: '2026-02',
  previousMonth: '2026-01',
  expenseCount: 0,
  activeDays: 0,
  totals: [],
  topCategories: [],
  biggestIncreases: [],
  budgets: [],
  unusualExpenses: [],
  topMerchants: [],
  ...overrides,
});

/** A Converse request shaped like the insights report workflow's: system, data block, forced tool. */
const reportRequest = (data: unknown) => ({
  system: [{ text: SYSTEM }],
  messages: [
    {
      role: 'user',
      content: [
        { text: `Write the report.\n<spending_data>\n${JSON.stringify(data, null, 1)}\n</spending_data>` },
      ],
    },
  ],
  toolConfig: {
    tools: [{ toolSpec: { name: 'submit_report', inputSchema: { json: REPORT_SCHEMA } } }],
    toolChoice: { tool: { name: 'submit_report' } },
  },
});

const reportOf = (data: unknown) => {
  const result = answer('amazon.nova-micro-v1:0', fromConverse(reportRequest(data)));
  if (result.kind !== 'tool') throw new Error('expected a tool answer');
  return result.input as {
    summary: string;
    highlights: string[];
    recommendations: { title: string; detail: string }[];
  };
};

describe('reading the spending data of a prompt', () => {
  it('takes the JSON block of the user message, not the delimiters the system prompt names', () => {
    const data = spendingDataIn(`${SYSTEM}\n<spending_data>${JSON.stringify(october)}</spending_data>`);

    expect(data?.totals[0]?.spent).toBe('€699.50');
    expect(data?.budgets.map((budget) => budget.status)).toEqual(['over', 'near']);
  });

  it('finds none in a prompt without a data block, or with one that is not JSON', () => {
    expect(spendingDataIn('Summarise: groceries €320.40')).toBeUndefined();
    expect(spendingDataIn('<spending_data>not json</spending_data>')).toBeUndefined();
  });
});

describe('the local model’s report', () => {
  it('writes a summary grounded in the totals, the previous month, budgets and the unusual expense', () => {
    const { summary } = reportOf(october);

    expect(summary).toBe(
      'In October 2026 you spent €699.50 and $30.00 across 21 expenses on 2 days. ' +
        'Compared with September 2026, spending rose by €219.50 (46%) from €480.00 and went from nothing to $30.00. ' +
        'You went over the Groceries budget, spending €420.00 of €400.00. ' +
        'Dining is close to its budget at 90% (€180.50 of €200.00). ' +
        'Groceries was the largest category at €420.00, 60% of the total. ' +
        'One expense stood out: €90.00 for Model trains on 2 October, where €15.00 is typical. ' +
        LOCAL_MODEL_LABEL,
    );
  });

  it('answers with input valid for the report tool, with highlights and three recommendations from the data', () => {
    const report = reportOf(october);

    expect(new Ajv({ strict: false }).validate(REPORT_SCHEMA, report)).toBe(true);
    expect(report.highlights[0]).toBe('Spent €699.50 over 20 expenses, up €219.50 (46%) on September 2026.');
    expect(report.highlights).toContain('Groceries went over budget: €420.00 of €400.00.');
    expect(report.recommendations.map((r) => r.title)).toEqual([
      'Bring Groceries back within budget',
      'Look into the rise in Dining',
      'Plan for expenses like the €90.00 one',
    ]);
  });

  it('quotes only amounts that were in the data, and never writes "spending on spending"', () => {
    const report = reportOf(october);
    const written = JSON.stringify(report);

    const amounts = written.match(/[€$][\d,.]+\d/g) ?? [];
    const given = JSON.stringify(october);
    expect(amounts.length).toBeGreaterThan(5);
    expect(amounts.filter((amount) => !given.includes(amount))).toEqual([]);
    expect(written.toLowerCase()).not.toContain('spending on spending');
  });

  it('says a month without expenses had none, and still gives three recommendations', () => {
    const report = reportOf(empty());

    expect(report.summary).toBe(`No expenses were recorded in February 2026. ${LOCAL_MODEL_LABEL}`);
    expect(report.highlights).toEqual(['No expenses were recorded in February 2026.']);
    expect(report.recommendations).toHaveLength(3);
  });

  it('says spending fell, with the amount without its sign, and names a category without a budget', () => {
    const data = empty({
      expenseCount: 1,
      activeDays: 1,
      totals: [
        {
          spent: '£40.00',
          spentPreviousMonth: '£100.00',
          change: '-£60.00',
          changePercent: -60,
          expenses: 1,
        },
      ],
      topCategories: [{ category: 'books', spent: '£40.00', sharePercent: 100, expenses: 1 }],
    });

    const report = reportOf(data);

    expect(report.summary).toContain(
      'Compared with January 2026, spending fell by £60.00 (60%) from £100.00.',
    );
    expect(report.summary).toContain('Books was the largest category at £40.00, 100% of the total.');
    expect(report.recommendations[0]).toEqual({
      title: 'Set a budget for books',
      detail: 'Books came to £40.00. A budget with an 80% alert would warn you before it grows.',
    });
  });

  it('keeps every text within the schema’s lengths when names are long, and the label in the summary', () => {
    const long = 'A category name typed by someone who likes very long names indeed ok';
    const data = {
      ...october,
      budgets: [{ category: long, budget: '€10.00', spent: '€20.00', usedPercent: 200, status: 'over' }],
    };

    const report = reportOf(data);

    expect(new Ajv({ strict: false }).validate(REPORT_SCHEMA, report)).toBe(true);
    expect(report.recommendations[0]!.title.endsWith('…')).toBe(true);
    expect(report.summary.endsWith(LOCAL_MODEL_LABEL)).toBe(true);
  });

  it('gives the same answer to the same request', () => {
    expect(reportOf(october)).toEqual(reportOf(october));
  });
});

describe('the summary and month names', () => {
  it('drops the least important sentences first to fit, always keeping the label', () => {
    const summary = summaryOf(narrativeOf(october), 200);

    expect(summary.length).toBeLessThanOrEqual(200);
    expect(summary).toBe(
      `In October 2026 you spent €699.50 and $30.00 across 21 expenses on 2 days. ${LOCAL_MODEL_LABEL}`,
    );
  });

  it('writes months in English and leaves other text alone', () => {
    expect(monthName('2026-01')).toBe('January 2026');
    expect(monthName('last month')).toBe('last month');
  });
});
