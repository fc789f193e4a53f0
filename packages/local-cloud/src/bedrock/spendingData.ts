/**
 * The month's statistics as the insights service's report prompt carries them: one JSON block between
 * `<spending_data>` delimiters, amounts already formatted with their currency (`€699.50`, `+€219.50`). The local
 * model reads them to write sentences grounded in exactly these figures; anything it does not recognise is left
 * out rather than guessed.
 */

export interface SpendingTotal {
  spent: string;
  spentPreviousMonth?: string;
  change?: string;
  changePercent?: number;
  expenses?: number;
}

export interface CategorySpend {
  category: string;
  spent: string;
  sharePercent?: number;
  expenses?: number;
}

export interface CategoryIncrease {
  category: string;
  spent: string;
  spentPreviousMonth: string;
  increase: string;
}

export interface BudgetUse {
  category: string;
  budget: string;
  spent: string;
  usedPercent?: number;
  status?: string;
}

export interface UnusualExpense {
  category: string;
  date?: string;
  amount: string;
  typicalAmount?: string;
}

export interface MerchantSpend {
  merchant: string;
  spent: string;
  expenses?: number;
}

export interface SpendingData {
  month?: string;
  previousMonth?: string;
  expenseCount?: number;
  activeDays?: number;
  totals: SpendingTotal[];
  topCategories: CategorySpend[];
  biggestIncreases: CategoryIncrease[];
  budgets: BudgetUse[];
  unusualExpenses: UnusualExpense[];
  topMerchants: MerchantSpend[];
}

const BLOCK = /<spending_data>\s*([\s\S]*?)\s*<\/spending_data>/g;

type Row = Record<string, unknown>;

const text = (value: unknown): string | undefined =>
  typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
const count = (value: unknown): number | undefined =>
  typeof value === 'number' && Number.isFinite(value) ? value : undefined;

/** The rows of `list` that have every `required` text field, with the known fields picked out. */
function rows<T>(list: unknown, required: string[], pickRow: (row: Row) => T): T[] {
  if (!Array.isArray(list)) return [];
  return list
    .filter((row): row is Row => !!row && typeof row === 'object')
    .filter((row) => required.every((field) => text(row[field]) !== undefined))
    .map(pickRow);
}

const optional = <K extends string, V>(key: K, value: V | undefined) =>
  (value === undefined ? {} : { [key]: value }) as Partial<Record<K, V>>;

function jsonObject(text: string): Row | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Row) : undefined;
  } catch {
    return undefined;
  }
}

/** The spending data of a prompt, or undefined when it carries none (any other prompt). */
export function spendingDataIn(prompt: string): SpendingData | undefined {
  // The system prompt names the delimiters too (`between <spending_data> and </spending_data>`): take the first
  // block that holds a JSON object.
  const data = [...prompt.matchAll(BLOCK)].map((match) => jsonObject(match[1]!)).find(Boolean);
  if (!data) return undefined;
  return {
    ...optional('month', text(data.month)),
    ...optional('previousMonth', text(data.previousMonth)),
    ...optional('expenseCount', count(data.expenseCount)),
    ...optional('activeDays', count(data.activeDays)),
    totals: rows(data.totals, ['spent'], (row) => ({
      spent: text(row.spent)!,
      ...optional('spentPreviousMonth', text(row.spentPreviousMonth)),
      ...optional('change', text(row.change)),
      ...optional('changePercent', count(row.changePercent)),
      ...optional('expenses', count(row.expenses)),
    })),
    topCategories: rows(data.topCategories, ['category', 'spent'], (row) => ({
      category: text(row.category)!,
      spent: text(row.spent)!,
      ...optional('sharePercent', count(row.sharePercent)),
      ...optional('expenses', count(row.expenses)),
    })),
    biggestIncreases: rows(
      data.biggestIncreases,
      ['category', 'spent', 'spentPreviousMonth', 'increase'],
      (row) => ({
        category: text(row.category)!,
        spent: text(row.spent)!,
        spentPreviousMonth: text(row.spentPreviousMonth)!,
        increase: text(row.increase)!,
      }),
    ),
    budgets: rows(data.budgets, ['category', 'budget', 'spent'], (row) => ({
      category: text(row.category)!,
      budget: text(row.budget)!,
      spent: text(row.spent)!,
      ...optional('usedPercent', count(row.usedPercent)),
      ...optional('status', text(row.status)),
    })),
    unusualExpenses: rows(data.unusualExpenses, ['category', 'amount'], (row) => ({
      category: text(row.category)!,
      amount: text(row.amount)!,
      ...optional('date', text(row.date)),
      ...optional('typicalAmount', text(row.typicalAmount)),
    })),
    topMerchants: rows(data.topMerchants, ['merchant', 'spent'], (row) => ({
      merchant: text(row.merchant)!,
      spent: text(row.spent)!,
      ...optional('expenses', count(row.expenses)),
    })),
  };
}
