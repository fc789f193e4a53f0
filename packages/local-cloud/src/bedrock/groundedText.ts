import type { BudgetUse, SpendingData } from './spendingData';

/** Ends every summary the local model writes, so nobody takes it for a real model's. */
export const LOCAL_MODEL_LABEL = '(Written by the Spendwise local model from the figures it was sent.)';

export interface Recommendation {
  title: string;
  detail: string;
}

/** What the local model has to say: sentences for a summary, highlights and recommendations. */
export interface Narrative {
  /** The summary's sentences, most important first; the label is added when the summary is written. */
  summarySentences: string[];
  highlights: string[];
  recommendations: Recommendation[];
}

const MONTH = new Intl.DateTimeFormat('en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' });
const DAY = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', timeZone: 'UTC' });
const LIST = new Intl.ListFormat('en-GB', { type: 'conjunction' });

/** `2026-10` → `October 2026`; anything else as given. */
export function monthName(month: string | undefined): string | undefined {
  if (!month || !/^\d{4}-\d{2}$/.test(month)) return month;
  return MONTH.format(new Date(`${month}-01T00:00:00Z`));
}

const dayName = (date: string | undefined) =>
  date && /^\d{4}-\d{2}-\d{2}$/.test(date) ? DAY.format(new Date(`${date}T00:00:00Z`)) : date;

/** Whether a formatted amount is zero (`$0.00`, `0,00 €`, `¥0`): every digit in it is 0. */
const isZero = (amount: string) => /\d/.test(amount) && !/[1-9]/.test(amount);

const counted = (n: number, noun: string) => `${n} ${noun}${n === 1 ? '' : 's'}`;

/** Which way a signed amount (`+€219.50`, `-€30.00`, `€0.00`) goes, and the amount without its sign. */
export function direction(change: string): { way: 'up' | 'down' | 'none'; amount: string } {
  const amount = change.replace(/^[+\-−]\s*/, '');
  if (/^[+]/.test(change)) return { way: 'up', amount };
  if (/^[-−]/.test(change)) return { way: 'down', amount };
  return { way: 'none', amount };
}

/** Capitalises the first letter only: category names keep the case the person gave them. */
const sentence = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

function totalsSentence(data: SpendingData, month: string): string {
  if (data.totals.length === 0) return `No expenses were recorded in ${month}.`;
  const how = [
    data.expenseCount === undefined ? '' : ` across ${counted(data.expenseCount, 'expense')}`,
    data.activeDays === undefined ? '' : ` on ${counted(data.activeDays, 'day')}`,
  ].join('');
  return `In ${month} you spent ${LIST.format(data.totals.map((total) => total.spent))}${how}.`;
}

function changeSentence(data: SpendingData): string | undefined {
  const previous = monthName(data.previousMonth) ?? 'the previous month';
  const clauses = data.totals
    .filter((total) => total.change !== undefined && total.spentPreviousMonth !== undefined)
    .map((total) => {
      const { way, amount } = direction(total.change!);
      const percent = total.changePercent === undefined ? '' : ` (${Math.abs(total.changePercent)}%)`;
      if (way === 'none') return `stayed at ${total.spentPreviousMonth}`;
      if (isZero(total.spentPreviousMonth!)) return `went from nothing to ${total.spent}`;
      return `${way === 'up' ? 'rose' : 'fell'} by ${amount}${percent} from ${total.spentPreviousMonth}`;
    });
  return clauses.length ? `Compared with ${previous}, spending ${LIST.format(clauses)}.` : undefined;
}

function budgetSentences(budgets: BudgetUse[]): string[] {
  const over = budgets.filter((budget) => budget.status === 'over');
  const near = budgets.filter((budget) => budget.status === 'near');
  const used = (budget: BudgetUse) => `${budget.spent} of ${budget.budget}`;
  const sentences: string[] = [];
  if (over.length === 1)
    sentences.push(`You went over the ${over[0]!.category} budget, spending ${used(over[0]!)}.`);
  if (over.length > 1)
    sentences.push(
      `You went over ${over.length} budgets: ${LIST.format(over.map((b) => `${b.category} (${used(b)})`))}.`,
    );
  for (const budget of near.slice(0, 2)) {
    const percent = budget.usedPercent === undefined ? '' : ` at ${budget.usedPercent}%`;
    sentences.push(`${sentence(budget.category)} is close to its budget${percent} (${used(budget)}).`);
  }
  return sentences;
}

/** The summary's sentences, most important first. */
function summarySentences(data: SpendingData): string[] {
  const month = monthName(data.month) ?? 'this month';
  const sentences = [totalsSentence(data, month)];
  const change = changeSentence(data);
  if (change) sentences.push(change);
  sentences.push(...budgetSentences(data.budgets));
  const top = data.topCategories[0];
  if (top) {
    const share = top.sharePercent === undefined ? '' : `, ${top.sharePercent}% of the total`;
    sentences.push(`${sentence(top.category)} was the largest category at ${top.spent}${share}.`);
  }
  const unusual = data.unusualExpenses[0];
  if (unusual) {
    const typical = unusual.typicalAmount ? `, where ${unusual.typicalAmount} is typical` : '';
    const day = dayName(unusual.date);
    sentences.push(
      `One expense stood out: ${unusual.amount} for ${unusual.category}${day ? ` on ${day}` : ''}${typical}.`,
    );
  }
  return sentences;
}

function highlights(data: SpendingData): string[] {
  const month = monthName(data.month) ?? 'this month';
  const previous = monthName(data.previousMonth) ?? 'the previous month';
  if (data.totals.length === 0) return [`No expenses were recorded in ${month}.`];
  const lines = data.totals.map((total) => {
    const count = total.expenses === undefined ? '' : ` over ${counted(total.expenses, 'expense')}`;
    const change = total.change ? direction(total.change) : undefined;
    const trend =
      !change || change.way === 'none'
        ? ''
        : total.spentPreviousMonth !== undefined && isZero(total.spentPreviousMonth)
          ? `, none in ${previous}`
          : `, ${change.way} ${change.amount}${total.changePercent === undefined ? '' : ` (${Math.abs(total.changePercent)}%)`} on ${previous}`;
    return `Spent ${total.spent}${count}${trend}.`;
  });
  for (const budget of data.budgets.filter((b) => b.status === 'over'))
    lines.push(`${sentence(budget.category)} went over budget: ${budget.spent} of ${budget.budget}.`);
  for (const unusual of data.unusualExpenses.slice(0, 1))
    lines.push(
      `Unusual expense: ${unusual.amount} for ${unusual.category}${unusual.typicalAmount ? ` (typically ${unusual.typicalAmount})` : ''}.`,
    );
  const increase = data.biggestIncreases[0];
  if (increase)
    lines.push(
      `${sentence(increase.category)} rose the most, from ${increase.spentPreviousMonth} to ${increase.spent}.`,
    );
  for (const category of data.topCategories.slice(0, 2)) {
    const share = category.sharePercent === undefined ? '' : ` (${category.sharePercent}%)`;
    lines.push(`${sentence(category.category)}: ${category.spent}${share}.`);
  }
  const merchant = data.topMerchants[0];
  if (merchant) lines.push(`Top merchant: ${merchant.merchant}, ${merchant.spent}.`);
  return [...new Set(lines)];
}

const FILLERS: Recommendation[] = [
  {
    title: 'Set budgets for your main categories',
    detail: 'A budget with alerts at 80% and 100% tells you early when a category runs ahead of plan.',
  },
  {
    title: 'Look at your totals halfway through the month',
    detail: 'A mid-month check leaves time to adjust before the month is over.',
  },
  {
    title: 'Keep recording every expense',
    detail: 'The report is only as good as the data: record each expense on the day you make it.',
  },
];

/** Recommendations grounded in the data, most pressing first, one per category; general ones fill up. */
function recommendations(data: SpendingData): Recommendation[] {
  const found: (Recommendation & { about?: string })[] = [];
  for (const budget of data.budgets.filter((b) => b.status === 'over'))
    found.push({
      about: budget.category,
      title: `Bring ${budget.category} back within budget`,
      detail: `${sentence(budget.category)} took ${budget.spent} against a budget of ${budget.budget}. Check it each week next month and hold back once it passes 80%.`,
    });
  for (const increase of data.biggestIncreases)
    found.push({
      about: increase.category,
      title: `Look into the rise in ${increase.category}`,
      detail: `${sentence(increase.category)} went from ${increase.spentPreviousMonth} to ${increase.spent}. Decide which of these expenses were worth it and set a limit for next month.`,
    });
  for (const unusual of data.unusualExpenses)
    found.push({
      about: unusual.category,
      title: `Plan for expenses like the ${unusual.amount} one`,
      detail: `${unusual.amount} for ${unusual.category}${unusual.typicalAmount ? ` is far above the usual ${unusual.typicalAmount}` : ' stood out'}. If such costs come back, set money aside for them each month.`,
    });
  for (const budget of data.budgets.filter((b) => b.status === 'near'))
    found.push({
      about: budget.category,
      title: `Watch the ${budget.category} budget`,
      detail: `${sentence(budget.category)} used ${budget.spent} of ${budget.budget}. Check it in the last week of the month before spending more.`,
    });
  const budgeted = new Set(data.budgets.map((budget) => budget.category));
  for (const category of data.topCategories.filter((c) => !budgeted.has(c.category)).slice(0, 1))
    found.push({
      about: category.category,
      title: `Set a budget for ${category.category}`,
      detail: `${sentence(category.category)} came to ${category.spent}. A budget with an 80% alert would warn you before it grows.`,
    });
  for (const merchant of data.topMerchants.slice(0, 1))
    found.push({
      about: merchant.merchant,
      title: `Review your spending at ${merchant.merchant}`,
      detail: `${sentence(merchant.merchant)} took ${merchant.spent}${merchant.expenses === undefined ? '' : ` over ${counted(merchant.expenses, 'expense')}`}. Compare prices or combine trips to spend less there.`,
    });
  const seen = new Set<string>();
  const chosen = found.filter((item) => {
    if (item.about === undefined || seen.has(item.about)) return false;
    seen.add(item.about);
    return true;
  });
  return [...chosen, ...FILLERS].map(({ title, detail }) => ({ title, detail }));
}

/** What the local model says about a month's spending data. */
export function narrativeOf(data: SpendingData): Narrative {
  return {
    summarySentences: summarySentences(data),
    highlights: highlights(data),
    recommendations: recommendations(data),
  };
}

/** What it says about any other prompt: only the figures it was given, nothing invented. */
export function genericNarrative(figures: string[]): Narrative {
  const mentioned = figures.length
    ? `The request mentions ${LIST.format(figures)}.`
    : 'The request mentions no figures.';
  return {
    summarySentences: [mentioned],
    highlights: figures.length ? figures.map((figure) => `The request mentions ${figure}.`) : [mentioned],
    recommendations: [
      {
        title: 'Ask a real model for advice',
        detail:
          'The local model only restates the figures it was sent; start the local cloud with --model-endpoint for real answers.',
      },
      ...FILLERS,
    ],
  };
}

/** Cuts text to `max` characters at a word boundary, with an ellipsis. */
export function fitted(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, Math.max(0, max - 1));
  const space = cut.lastIndexOf(' ');
  return `${(space > max / 2 ? cut.slice(0, space) : cut).replace(/[\s,;:.]+$/, '')}…`;
}

/**
 * The summary: as many sentences as fit in `maxLength`, most important first, always ending with the label.
 */
export function summaryOf(narrative: Narrative, maxLength = Number.POSITIVE_INFINITY): string {
  const room = maxLength - LOCAL_MODEL_LABEL.length - 1;
  const kept: string[] = [];
  for (const line of narrative.summarySentences) {
    if ([...kept, line].join(' ').length > room) break;
    kept.push(line);
  }
  if (kept.length === 0 && narrative.summarySentences[0] && room > 10)
    kept.push(fitted(narrative.summarySentences[0], room));
  return fitted([...kept, LOCAL_MODEL_LABEL].join(' '), maxLength);
}
