/**
 * The statistics of one user's month, computed from the read models' aggregates of that month and the one before:
 * month over month, top categories, budget adherence, anomalies and merchants. Everything the prompt and the
 * fallback writer say comes from here; money stays in integer minor units, shares are whole percentages.
 */
import { DEFAULT_CATEGORIES, UNCATEGORIZED_CATEGORY_ID } from '@spendwise/contracts';
import type { CategoryMonthTotal, MonthAggregates } from '../../domain/monthAggregates';
import { percentOf } from './money';
import { previousMonth } from './month';

/** Fewer expenses than this in a month and the model is not asked: the fallback says there is too little data. */
export const MIN_EXPENSES_FOR_MODEL = 3;
const TOP_CATEGORIES = 5;
const TOP_CHANGES = 3;
const TOP_ANOMALIES = 5;
const TOP_MERCHANTS = 5;
/** A budget used at this share or more is "near" its limit. */
const NEAR_BUDGET_PERCENT = 80;

export interface CurrencyTotal {
  currency: string;
  minorUnits: number;
  previousMinorUnits: number;
  changeMinorUnits: number;
  /** Whole percent change from the previous month; absent when the previous month had no spending. */
  changePercent?: number;
  expenseCount: number;
}

export interface CategoryShare {
  categoryId: string;
  /** Display name (user text for the user's own categories). */
  name: string;
  currency: string;
  minorUnits: number;
  count: number;
  /** Whole percent of the month's spending in this currency. */
  sharePercent: number;
}

export interface CategoryChange {
  categoryId: string;
  name: string;
  currency: string;
  minorUnits: number;
  previousMinorUnits: number;
  changeMinorUnits: number;
}

export type BudgetStatus = 'within' | 'near' | 'over';

export interface BudgetAdherence {
  categoryId: string;
  name: string;
  currency: string;
  budgetMinorUnits: number;
  spentMinorUnits: number;
  usedPercent: number;
  status: BudgetStatus;
}

export interface AnomalyStatistic {
  categoryId: string;
  name: string;
  date: string;
  currency: string;
  minorUnits: number;
  typicalMinorUnits: number;
}

export interface MerchantStatistic {
  /** User text: data, never an instruction. */
  merchant: string;
  currency: string;
  minorUnits: number;
  count: number;
}

export interface ReportStatistics {
  month: string;
  previousMonth: string;
  expenseCount: number;
  activeDays: number;
  totals: CurrencyTotal[];
  topCategories: CategoryShare[];
  biggestIncreases: CategoryChange[];
  budgets: BudgetAdherence[];
  anomalies: AnomalyStatistic[];
  topMerchants: MerchantStatistic[];
}

const DEFAULT_NAMES = new Map(DEFAULT_CATEGORIES.map((category) => [category.categoryId, category.name]));

const nameOf = (aggregates: MonthAggregates, categoryId: string): string =>
  aggregates.categoryNames[categoryId] ??
  DEFAULT_NAMES.get(categoryId) ??
  (categoryId === UNCATEGORIZED_CATEGORY_ID ? 'Uncategorized' : categoryId);

const key = (categoryId: string, currency: string) => `${categoryId}\u0000${currency}`;

const byAmountThenName = <T extends { minorUnits: number; currency: string }>(
  a: T,
  b: T,
  nameA: string,
  nameB: string,
) => b.minorUnits - a.minorUnits || a.currency.localeCompare(b.currency) || nameA.localeCompare(nameB);

function sumByCurrency(totals: CategoryMonthTotal[]): Map<string, { minorUnits: number; count: number }> {
  const sums = new Map<string, { minorUnits: number; count: number }>();
  for (const total of totals) {
    const sum = sums.get(total.currency) ?? { minorUnits: 0, count: 0 };
    sum.minorUnits += total.minorUnits;
    sum.count += total.count;
    sums.set(total.currency, sum);
  }
  return sums;
}

function currencyTotals(current: MonthAggregates, previous: MonthAggregates): CurrencyTotal[] {
  const now = sumByCurrency(current.totals);
  const before = sumByCurrency(previous.totals);
  return [...now.entries()]
    .map(([currency, sum]) => {
      const previousMinorUnits = before.get(currency)?.minorUnits ?? 0;
      const changeMinorUnits = sum.minorUnits - previousMinorUnits;
      const changePercent = percentOf(changeMinorUnits, previousMinorUnits);
      return {
        currency,
        minorUnits: sum.minorUnits,
        previousMinorUnits,
        changeMinorUnits,
        ...(changePercent === undefined ? {} : { changePercent }),
        expenseCount: sum.count,
      };
    })
    .sort((a, b) => b.expenseCount - a.expenseCount || a.currency.localeCompare(b.currency));
}

function topCategories(current: MonthAggregates): CategoryShare[] {
  const sums = sumByCurrency(current.totals);
  return current.totals
    .filter((total) => total.minorUnits > 0)
    .map((total) => ({
      categoryId: total.categoryId,
      name: nameOf(current, total.categoryId),
      currency: total.currency,
      minorUnits: total.minorUnits,
      count: total.count,
      sharePercent: percentOf(total.minorUnits, sums.get(total.currency)?.minorUnits ?? 0) ?? 0,
    }))
    .sort((a, b) => byAmountThenName(a, b, a.categoryId, b.categoryId))
    .slice(0, TOP_CATEGORIES);
}

function biggestIncreases(current: MonthAggregates, previous: MonthAggregates): CategoryChange[] {
  const before = new Map(previous.totals.map((total) => [key(total.categoryId, total.currency), total]));
  return current.totals
    .map((total) => {
      const previousMinorUnits = before.get(key(total.categoryId, total.currency))?.minorUnits ?? 0;
      return {
        categoryId: total.categoryId,
        name: nameOf(current, total.categoryId),
        currency: total.currency,
        minorUnits: total.minorUnits,
        previousMinorUnits,
        changeMinorUnits: total.minorUnits - previousMinorUnits,
      };
    })
    .filter((change) => change.changeMinorUnits > 0 && change.previousMinorUnits > 0)
    .sort(
      (a, b) =>
        b.changeMinorUnits - a.changeMinorUnits ||
        a.currency.localeCompare(b.currency) ||
        a.categoryId.localeCompare(b.categoryId),
    )
    .slice(0, TOP_CHANGES);
}

function budgetAdherence(current: MonthAggregates): BudgetAdherence[] {
  const spent = new Map(
    current.totals.map((total) => [key(total.categoryId, total.currency), total.minorUnits]),
  );
  return current.budgets
    .filter((budget) => budget.amount.minorUnits > 0)
    .map((budget) => {
      const { currency, minorUnits: budgetMinorUnits } = budget.amount;
      const spentMinorUnits = spent.get(key(budget.categoryId, currency)) ?? 0;
      const usedPercent = percentOf(spentMinorUnits, budgetMinorUnits) ?? 0;
      const status: BudgetStatus =
        spentMinorUnits > budgetMinorUnits ? 'over' : usedPercent >= NEAR_BUDGET_PERCENT ? 'near' : 'within';
      return {
        categoryId: budget.categoryId,
        name: nameOf(current, budget.categoryId),
        currency,
        budgetMinorUnits,
        spentMinorUnits,
        usedPercent,
        status,
      };
    })
    .sort((a, b) => b.usedPercent - a.usedPercent || a.categoryId.localeCompare(b.categoryId));
}

function anomalies(current: MonthAggregates): AnomalyStatistic[] {
  return [...current.anomalies]
    .sort(
      (a, b) => b.score - a.score || a.date.localeCompare(b.date) || a.expenseId.localeCompare(b.expenseId),
    )
    .slice(0, TOP_ANOMALIES)
    .map((anomaly) => ({
      categoryId: anomaly.categoryId,
      name: nameOf(current, anomaly.categoryId),
      date: anomaly.date,
      currency: anomaly.amount.currency,
      minorUnits: anomaly.amount.minorUnits,
      typicalMinorUnits: anomaly.typicalAmount.minorUnits,
    }));
}

function topMerchants(current: MonthAggregates): MerchantStatistic[] {
  return [...current.topMerchants]
    .sort((a, b) => byAmountThenName(a, b, a.merchant, b.merchant))
    .slice(0, TOP_MERCHANTS)
    .map(({ merchant, currency, minorUnits, count }) => ({ merchant, currency, minorUnits, count }));
}

/**
 * Computes the statistics of `current` (a month) against `previous` (the month before it).
 *
 * @example const statistics = computeStatistics(await load(userId, '2026-10'), await load(userId, '2026-09'));
 */
export function computeStatistics(current: MonthAggregates, previous: MonthAggregates): ReportStatistics {
  const totals = currencyTotals(current, previous);
  return {
    month: current.month,
    previousMonth: previousMonth(current.month),
    expenseCount: totals.reduce((sum, total) => sum + total.expenseCount, 0),
    activeDays: new Set(current.daily.filter((day) => day.count > 0).map((day) => day.date)).size,
    totals,
    topCategories: topCategories(current),
    biggestIncreases: biggestIncreases(current, previous),
    budgets: budgetAdherence(current),
    anomalies: anomalies(current),
    topMerchants: topMerchants(current),
  };
}

/** Whether the month has enough data for the model to say something useful. */
export const hasEnoughData = (statistics: ReportStatistics): boolean =>
  statistics.expenseCount >= MIN_EXPENSES_FOR_MODEL;
