// Generated from events/**/*.schema.json by scripts/gen-contracts.ts. Do not edit: change the schemas and run `pnpm gen`.
import type { BudgetRemovedV1, BudgetSetV1, BudgetThresholdReachedV1, CategoryArchivedV1, CategoryCreatedV1, CategoryUpdatedV1, ExpenseDeletedV1, ExpenseRecordedV1, ExpenseUpdatedV1, InsightReportFailedV1, InsightReportReadyV1, MerchantRuleSetV1, NotificationDeliveredV1, ReceiptAttachedV1, ReceiptRejectedV1, ReceiptRemovedV1, SpendingAnomalyDetectedV1 } from './types';
import { validateBudgetRemovedV1, validateBudgetSetV1, validateBudgetThresholdReachedV1, validateCategoryArchivedV1, validateCategoryCreatedV1, validateCategoryUpdatedV1, validateExpenseDeletedV1, validateExpenseRecordedV1, validateExpenseUpdatedV1, validateInsightReportFailedV1, validateInsightReportReadyV1, validateMerchantRuleSetV1, validateNotificationDeliveredV1, validateReceiptAttachedV1, validateReceiptRejectedV1, validateReceiptRemovedV1, validateSpendingAnomalyDetectedV1 } from './validators';

/** Every event of the catalogue by detail-type: its source, latest version and a validator per version. */
export const eventRegistry = {
  BudgetRemoved: {
    source: 'spendwise.catalog',
    latest: 1,
    versions: {
      1: { source: 'spendwise.catalog', detailType: 'BudgetRemoved', version: 1, validate: validateBudgetRemovedV1 },
    },
  },
  BudgetSet: {
    source: 'spendwise.catalog',
    latest: 1,
    versions: {
      1: { source: 'spendwise.catalog', detailType: 'BudgetSet', version: 1, validate: validateBudgetSetV1 },
    },
  },
  BudgetThresholdReached: {
    source: 'spendwise.insights',
    latest: 1,
    versions: {
      1: { source: 'spendwise.insights', detailType: 'BudgetThresholdReached', version: 1, validate: validateBudgetThresholdReachedV1 },
    },
  },
  CategoryArchived: {
    source: 'spendwise.catalog',
    latest: 1,
    versions: {
      1: { source: 'spendwise.catalog', detailType: 'CategoryArchived', version: 1, validate: validateCategoryArchivedV1 },
    },
  },
  CategoryCreated: {
    source: 'spendwise.catalog',
    latest: 1,
    versions: {
      1: { source: 'spendwise.catalog', detailType: 'CategoryCreated', version: 1, validate: validateCategoryCreatedV1 },
    },
  },
  CategoryUpdated: {
    source: 'spendwise.catalog',
    latest: 1,
    versions: {
      1: { source: 'spendwise.catalog', detailType: 'CategoryUpdated', version: 1, validate: validateCategoryUpdatedV1 },
    },
  },
  ExpenseDeleted: {
    source: 'spendwise.expenses',
    latest: 1,
    versions: {
      1: { source: 'spendwise.expenses', detailType: 'ExpenseDeleted', version: 1, validate: validateExpenseDeletedV1 },
    },
  },
  ExpenseRecorded: {
    source: 'spendwise.expenses',
    latest: 1,
    versions: {
      1: { source: 'spendwise.expenses', detailType: 'ExpenseRecorded', version: 1, validate: validateExpenseRecordedV1 },
    },
  },
  ExpenseUpdated: {
    source: 'spendwise.expenses',
    latest: 1,
    versions: {
      1: { source: 'spendwise.expenses', detailType: 'ExpenseUpdated', version: 1, validate: validateExpenseUpdatedV1 },
    },
  },
  InsightReportFailed: {
    source: 'spendwise.insights',
    latest: 1,
    versions: {
      1: { source: 'spendwise.insights', detailType: 'InsightReportFailed', version: 1, validate: validateInsightReportFailedV1 },
    },
  },
  InsightReportReady: {
    source: 'spendwise.insights',
    latest: 1,
    versions: {
      1: { source: 'spendwise.insights', detailType: 'InsightReportReady', version: 1, validate: validateInsightReportReadyV1 },
    },
  },
  MerchantRuleSet: {
    source: 'spendwise.catalog',
    latest: 1,
    versions: {
      1: { source: 'spendwise.catalog', detailType: 'MerchantRuleSet', version: 1, validate: validateMerchantRuleSetV1 },
    },
  },
  NotificationDelivered: {
    source: 'spendwise.notifications',
    latest: 1,
    versions: {
      1: { source: 'spendwise.notifications', detailType: 'NotificationDelivered', version: 1, validate: validateNotificationDeliveredV1 },
    },
  },
  ReceiptAttached: {
    source: 'spendwise.expenses',
    latest: 1,
    versions: {
      1: { source: 'spendwise.expenses', detailType: 'ReceiptAttached', version: 1, validate: validateReceiptAttachedV1 },
    },
  },
  ReceiptRejected: {
    source: 'spendwise.expenses',
    latest: 1,
    versions: {
      1: { source: 'spendwise.expenses', detailType: 'ReceiptRejected', version: 1, validate: validateReceiptRejectedV1 },
    },
  },
  ReceiptRemoved: {
    source: 'spendwise.expenses',
    latest: 1,
    versions: {
      1: { source: 'spendwise.expenses', detailType: 'ReceiptRemoved', version: 1, validate: validateReceiptRemovedV1 },
    },
  },
  SpendingAnomalyDetected: {
    source: 'spendwise.insights',
    latest: 1,
    versions: {
      1: { source: 'spendwise.insights', detailType: 'SpendingAnomalyDetected', version: 1, validate: validateSpendingAnomalyDetectedV1 },
    },
  },
} as const;

/** The detail of each detail-type and version: `EventDetails["ExpenseRecorded"][1]`. */
export interface EventDetails {
  BudgetRemoved: { 1: BudgetRemovedV1 };
  BudgetSet: { 1: BudgetSetV1 };
  BudgetThresholdReached: { 1: BudgetThresholdReachedV1 };
  CategoryArchived: { 1: CategoryArchivedV1 };
  CategoryCreated: { 1: CategoryCreatedV1 };
  CategoryUpdated: { 1: CategoryUpdatedV1 };
  ExpenseDeleted: { 1: ExpenseDeletedV1 };
  ExpenseRecorded: { 1: ExpenseRecordedV1 };
  ExpenseUpdated: { 1: ExpenseUpdatedV1 };
  InsightReportFailed: { 1: InsightReportFailedV1 };
  InsightReportReady: { 1: InsightReportReadyV1 };
  MerchantRuleSet: { 1: MerchantRuleSetV1 };
  NotificationDelivered: { 1: NotificationDeliveredV1 };
  ReceiptAttached: { 1: ReceiptAttachedV1 };
  ReceiptRejected: { 1: ReceiptRejectedV1 };
  ReceiptRemoved: { 1: ReceiptRemovedV1 };
  SpendingAnomalyDetected: { 1: SpendingAnomalyDetectedV1 };
}
