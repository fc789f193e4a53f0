/**
 * The shapes the Spendwise APIs exchange, as the services present them (services/<name>/src/http/present.ts
 * and the request schemas). To be replaced by the types of @spendwise/client once it is merged.
 */
import type { Money } from '../lib/format';

export type { Money };

export interface Expense {
  expenseId: string;
  amount: Money;
  date: string;
  categoryId: string;
  merchant?: string;
  note?: string;
  tags: string[];
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface NewExpense {
  amount: Money;
  date: string;
  categoryId?: string;
  merchant?: string;
  note?: string;
  tags?: string[];
}

/** PATCH body: `null` clears merchant or note. */
export type ExpenseChange = Partial<Omit<NewExpense, 'merchant' | 'note'>> & {
  merchant?: string | null;
  note?: string | null;
};

export interface Page<T> {
  items: T[];
  nextCursor?: string;
}

export interface Category {
  categoryId: string;
  name: string;
  isDefault: boolean;
  archived: boolean;
  version?: number;
}

export interface Budget {
  categoryId: string;
  amount: Money;
  thresholds: number[];
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface MerchantRule {
  ruleId: string;
  merchant: string;
  categoryId: string | null;
  version: number;
}

export interface CategoryTotal {
  categoryId: string;
  currency: string;
  minorUnits: number;
  count: number;
}

export interface MonthChange {
  categoryId?: string;
  currency: string;
  currentMinorUnits: number;
  previousMinorUnits: number;
  changeMinorUnits: number;
  changePercent: number | null;
}

export interface MonthSummary {
  month: string;
  totals: CategoryTotal[];
  currencies: Array<{ currency: string; minorUnits: number; count: number }>;
  daily: Array<{ date: string; currency: string; minorUnits: number; count: number }>;
  budgets: Array<{
    categoryId: string;
    amount: Money;
    thresholds: number[];
    spent: Money;
    percent: number;
  }>;
  anomalies: Array<{
    expenseId: string;
    categoryId: string;
    date: string;
    amount: Money;
    typicalAmount: Money;
    score: number;
  }>;
  monthOverMonth: { previousMonth: string; currencies: MonthChange[]; categories: MonthChange[] };
}

export type ReportStatus = 'pending' | 'ready' | 'failed';

export interface Report {
  reportId: string;
  month: string;
  status: ReportStatus;
  createdAt: string;
  updatedAt: string;
  source?: 'model' | 'fallback';
  fallbackReason?: string;
  summary?: string;
  failureReason?: string;
  highlights?: string[];
  recommendations?: Array<{ title: string; detail: string }>;
}

export const ALERT_TYPES = [
  'BudgetThresholdReached',
  'SpendingAnomalyDetected',
  'InsightReportReady',
  'InsightReportFailed',
] as const;
export type AlertType = (typeof ALERT_TYPES)[number];

export interface InboxItem {
  id: string;
  type: AlertType | string;
  severity: string;
  title?: string;
  message?: string;
  occurredAt: string;
  createdAt: string;
  read: boolean;
  readAt: string | null;
  data?: Record<string, unknown>;
}

export interface Inbox extends Page<InboxItem> {
  unreadCount: number;
}

export interface Preferences {
  types: AlertType[];
  email: string | null;
  emailSubscribed: boolean;
  webhookUrl: string | null;
  webhookDisabled: boolean;
  syncStatus: string;
  version: number;
  updatedAt?: string;
  /** Only in the answer that issued it: shown once. */
  webhookSecret?: string;
}

export interface PreferencesChange {
  types: AlertType[];
  email?: string | null;
  webhookUrl?: string | null;
  rotateWebhookSecret?: boolean;
}
