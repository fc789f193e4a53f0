/**
 * The shapes the Spendwise APIs exchange: the types of @spendwise/client, generated from the services' OpenAPI
 * documents (which are generated from their JSON Schemas), under the names the pages use.
 */
import type {
  Budget,
  Category,
  Expense,
  ExpensePatch,
  MerchantRule,
  MonthSummary,
  NewExpense,
  NotificationPage,
  Preferences,
  PreferencesInput,
  Report,
} from '@spendwise/client';
import type { Money } from '../lib/format';

export type { Budget, Category, Expense, MerchantRule, Money, MonthSummary, NewExpense, Preferences, Report };
/** An ISO 4217 code the APIs accept (the currency selects only offer such codes). */
export type CurrencyCode = NewExpense['amount']['currency'];
export type ExpenseChange = ExpensePatch;
export type PreferencesChange = PreferencesInput;
export type Inbox = NotificationPage;
export type InboxItem = NotificationPage['items'][number];
export type MonthChange = MonthSummary['monthOverMonth']['categories'][number];

export interface Page<T> {
  items: T[];
  nextCursor?: string;
}

export const ALERT_TYPES = [
  'BudgetThresholdReached',
  'SpendingAnomalyDetected',
  'InsightReportReady',
  'InsightReportFailed',
] as const;
export type AlertType = (typeof ALERT_TYPES)[number];
