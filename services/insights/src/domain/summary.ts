import { percentOf } from './budgets';
import type { AnomalyView, CategoryMonthTotal, DailyTotal, MonthAggregates } from './monthAggregates';
import { previousMonth } from './months';

/** Spending of a month in one currency, all categories together. */
export interface CurrencyTotal {
  currency: string;
  minorUnits: number;
  count: number;
}

/** A budget with what was spent against it (in the budget's currency) this month. */
export interface BudgetProgress {
  categoryId: string;
  amount: { minorUnits: number; currency: string };
  thresholds: number[];
  spent: { minorUnits: number; currency: string };
  percent: number;
}

/** How one category (or one currency, `categoryId` absent) changed from the previous month. */
export interface MonthOverMonthChange {
  categoryId?: string;
  currency: string;
  currentMinorUnits: number;
  previousMinorUnits: number;
  changeMinorUnits: number;
  /** Relative change in percent (one decimal); null when nothing was spent the previous month. */
  changePercent: number | null;
}

export interface MonthSummary {
  month: string;
  totals: CategoryMonthTotal[];
  currencies: CurrencyTotal[];
  daily: DailyTotal[];
  budgets: BudgetProgress[];
  anomalies: AnomalyView[];
  monthOverMonth: {
    previousMonth: string;
    currencies: MonthOverMonthChange[];
    categories: MonthOverMonthChange[];
  };
}

function byCurrency(totals: CategoryMonthTotal[]): CurrencyTotal[] {
  const sums = new Map<string, CurrencyTotal>();
  for (const { currency, minorUnits, count } of totals) {
    const seen = sums.get(currency) ?? { currency, minorUnits: 0, count: 0 };
    sums.set(currency, { currency, minorUnits: seen.minorUnits + minorUnits, count: seen.count + count });
  }
  return [...sums.values()].sort((a, b) => a.currency.localeCompare(b.currency));
}

function change(
  key: { categoryId?: string; currency: string },
  current: number,
  previous: number,
): MonthOverMonthChange {
  return {
    ...key,
    currentMinorUnits: current,
    previousMinorUnits: previous,
    changeMinorUnits: current - previous,
    changePercent: previous === 0 ? null : Math.round(((current - previous) * 1000) / previous) / 10,
  };
}

function compare<T>(current: T[], previous: T[], keyOf: (t: T) => string, amountOf: (t: T) => number) {
  const before = new Map(previous.map((t) => [keyOf(t), t]));
  const now = new Map(current.map((t) => [keyOf(t), t]));
  const keys = [...new Set([...now.keys(), ...before.keys()])].sort();
  return keys.map((key) => {
    const [head, tail] = [now.get(key), before.get(key)];
    return {
      sample: (head ?? tail) as T,
      current: head ? amountOf(head) : 0,
      previous: tail ? amountOf(tail) : 0,
    };
  });
}

const categoryKey = (t: CategoryMonthTotal) => `${t.categoryId}|${t.currency}`;

/** The month's summary: totals, daily series, budgets with progress, anomalies, and change from the month before. */
export function summarizeMonth(current: MonthAggregates, previousTotals: CategoryMonthTotal[]): MonthSummary {
  const spentIn = (categoryId: string, currency: string) =>
    current.totals.find((t) => t.categoryId === categoryId && t.currency === currency)?.minorUnits ?? 0;
  const budgets = current.budgets.map((budget) => {
    const spent = spentIn(budget.categoryId, budget.amount.currency);
    return {
      categoryId: budget.categoryId,
      amount: budget.amount,
      thresholds: budget.thresholds,
      spent: { minorUnits: spent, currency: budget.amount.currency },
      percent: percentOf(spent, budget.amount.minorUnits),
    };
  });
  const currencies = compare(
    byCurrency(current.totals),
    byCurrency(previousTotals),
    (t) => t.currency,
    (t) => t.minorUnits,
  );
  const categories = compare(current.totals, previousTotals, categoryKey, (t) => t.minorUnits);
  return {
    month: current.month,
    totals: current.totals,
    currencies: byCurrency(current.totals),
    daily: current.daily,
    budgets,
    anomalies: current.anomalies,
    monthOverMonth: {
      previousMonth: previousMonth(current.month),
      currencies: currencies.map((c) => change({ currency: c.sample.currency }, c.current, c.previous)),
      categories: categories.map((c) =>
        change({ categoryId: c.sample.categoryId, currency: c.sample.currency }, c.current, c.previous),
      ),
    },
  };
}
