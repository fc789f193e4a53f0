/**
 * The deterministic fallback report: written from the statistics alone when there is too little data, when the
 * model is unavailable or when its answer is invalid. Same statistics, same report; always valid against the
 * model answer's schema, so readers treat both sources alike (the report is flagged `source: fallback`).
 */
import { formatMoney } from '@spendwise/contracts';
import type { ReportModelAnswer } from './answer';
import { userText } from './prompt';
import type { ReportStatistics } from './statistics';

export type FallbackReason = 'not-enough-data' | 'model-unavailable' | 'invalid-answer';

type Recommendation = ReportModelAnswer['recommendations'][number];

const changeWords = (percent: number | undefined, previous: string, month: string) =>
  percent === undefined
    ? `with nothing recorded in ${month}`
    : percent === 0
      ? `the same as in ${month} (${previous})`
      : `${Math.abs(percent)}% ${percent > 0 ? 'more' : 'less'} than in ${month} (${previous})`;

function summaryOf(statistics: ReportStatistics, reason: FallbackReason): string {
  const { month, previousMonth, expenseCount } = statistics;
  const main = statistics.totals[0];
  if (!main) return `No expenses were recorded in ${month}, so there is nothing to report yet.`;
  const spent = `In ${month} you spent ${formatMoney({ minorUnits: main.minorUnits, currency: main.currency })} across ${counted(main.expenseCount, 'expense')}, ${changeWords(main.changePercent, formatMoney({ minorUnits: main.previousMinorUnits, currency: main.currency }), previousMonth)}.`;
  const otherCount = statistics.totals.length - 1;
  const others =
    otherCount > 0
      ? ` You also spent in ${otherCount} other ${otherCount > 1 ? 'currencies' : 'currency'}.`
      : '';
  const top = statistics.topCategories[0];
  const largest = top
    ? ` Your largest category was ${userText(top.name)} (${top.sharePercent}% of spending in ${top.currency}).`
    : '';
  const note =
    reason === 'not-enough-data'
      ? ` With ${counted(expenseCount, 'expense')} recorded, this is a short summary rather than a full report.`
      : '';
  return `${spent}${others}${largest}${note}`;
}

function highlightsOf(statistics: ReportStatistics): string[] {
  const highlights = [
    `${counted(statistics.expenseCount, 'expense')} on ${counted(statistics.activeDays, 'day')}.`,
  ];
  for (const category of statistics.topCategories.slice(0, 2)) {
    highlights.push(
      `${userText(category.name)}: ${formatMoney({ minorUnits: category.minorUnits, currency: category.currency })} (${category.sharePercent}%).`,
    );
  }
  const over = statistics.budgets.filter((budget) => budget.status === 'over');
  if (over.length) highlights.push(`${over.length} budget${over.length > 1 ? 's' : ''} exceeded.`);
  const increase = statistics.biggestIncreases[0];
  if (increase) {
    highlights.push(
      `${userText(increase.name)} rose by ${formatMoney({ minorUnits: increase.changeMinorUnits, currency: increase.currency })} since ${statistics.previousMonth}.`,
    );
  }
  return highlights.slice(0, 5);
}

const GENERIC: Recommendation[] = [
  {
    title: 'Record every expense',
    detail: 'Recording each expense as it happens makes the next report more complete and more useful.',
  },
  {
    title: 'Review recurring costs',
    detail:
      'Go through subscriptions and recurring bills once a month and cancel the ones you no longer use.',
  },
  {
    title: 'Plan next month',
    detail: 'Decide before the month starts how much you want to spend in your main categories.',
  },
];

function specificRecommendations(statistics: ReportStatistics): Recommendation[] {
  const found: Recommendation[] = [];
  for (const budget of statistics.budgets.filter((b) => b.status !== 'within')) {
    const name = userText(budget.name);
    found.push({
      title: budget.status === 'over' ? `Rein in ${name}` : `Watch ${name}`,
      detail: `You used ${budget.usedPercent}% of your ${formatMoney({ minorUnits: budget.budgetMinorUnits, currency: budget.currency })} budget for ${name}. Set yourself a weekly limit for it next month.`,
    });
  }
  const increase = statistics.biggestIncreases[0];
  if (increase) {
    found.push({
      title: `Look into ${userText(increase.name)}`,
      detail: `Spending on ${userText(increase.name)} rose by ${formatMoney({ minorUnits: increase.changeMinorUnits, currency: increase.currency })} compared with ${statistics.previousMonth}. Check whether that was planned.`,
    });
  }
  if (statistics.anomalies.length) {
    found.push({
      title: 'Review unusual expenses',
      detail: `${statistics.anomalies.length} expense${statistics.anomalies.length > 1 ? 's were' : ' was'} well above your usual amounts. Make sure they were expected.`,
    });
  }
  const top = statistics.topCategories[0];
  if (top && statistics.budgets.length === 0) {
    found.push({
      title: `Set a budget for ${userText(top.name)}`,
      detail: `${userText(top.name)} was your largest category. A monthly budget for it lets Spendwise warn you before you overspend.`,
    });
  }
  return found;
}

/**
 * Writes the fallback report for `statistics`.
 *
 * @example const content = writeFallbackReport(statistics, 'model-unavailable');
 */
export function writeFallbackReport(statistics: ReportStatistics, reason: FallbackReason): ReportModelAnswer {
  const recommendations = [...specificRecommendations(statistics), ...GENERIC].slice(0, 3);
  return { summary: summaryOf(statistics, reason), highlights: highlightsOf(statistics), recommendations };
}

/** "1 expense", "2 expenses": the fallback is read by people, so counts agree with their nouns. */
function counted(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
