// Generated from events/**/*.schema.json by scripts/gen-contracts.ts. Do not edit: change the schemas and run `pnpm gen`.
import type { BudgetRemovedV1, BudgetSetV1, BudgetThresholdReachedV1, CategoryArchivedV1, CategoryCreatedV1, CategoryUpdatedV1, ExpenseDeletedV1, ExpenseRecordedV1, ExpenseUpdatedV1, InsightReportFailedV1, InsightReportReadyV1, MerchantRuleSetV1, NotificationDeliveredV1, ReceiptAttachedV1, ReceiptRejectedV1, ReceiptRemovedV1, SpendingAnomalyDetectedV1 } from './types';
import { validateBudgetRemovedV1 } from './events/BudgetRemovedV1';
import { validateBudgetSetV1 } from './events/BudgetSetV1';
import { validateBudgetThresholdReachedV1 } from './events/BudgetThresholdReachedV1';
import { validateCategoryArchivedV1 } from './events/CategoryArchivedV1';
import { validateCategoryCreatedV1 } from './events/CategoryCreatedV1';
import { validateCategoryUpdatedV1 } from './events/CategoryUpdatedV1';
import { validateExpenseDeletedV1 } from './events/ExpenseDeletedV1';
import { validateExpenseRecordedV1 } from './events/ExpenseRecordedV1';
import { validateExpenseUpdatedV1 } from './events/ExpenseUpdatedV1';
import { validateInsightReportFailedV1 } from './events/InsightReportFailedV1';
import { validateInsightReportReadyV1 } from './events/InsightReportReadyV1';
import { validateMerchantRuleSetV1 } from './events/MerchantRuleSetV1';
import { validateNotificationDeliveredV1 } from './events/NotificationDeliveredV1';
import { validateReceiptAttachedV1 } from './events/ReceiptAttachedV1';
import { validateReceiptRejectedV1 } from './events/ReceiptRejectedV1';
import { validateReceiptRemovedV1 } from './events/ReceiptRemovedV1';
import { validateSpendingAnomalyDetectedV1 } from './events/SpendingAnomalyDetectedV1';

/** BudgetRemoved in every schema version, published by spendwise.catalog: pass it to subscribe to accept it. */
export const BudgetRemovedVersions = {
  detailType: 'BudgetRemoved',
  source: 'spendwise.catalog',
  latest: 1,
  versions: {
    1: { source: 'spendwise.catalog', detailType: 'BudgetRemoved', version: 1, validate: validateBudgetRemovedV1 },
  },
} as const;

/** BudgetSet in every schema version, published by spendwise.catalog: pass it to subscribe to accept it. */
export const BudgetSetVersions = {
  detailType: 'BudgetSet',
  source: 'spendwise.catalog',
  latest: 1,
  versions: {
    1: { source: 'spendwise.catalog', detailType: 'BudgetSet', version: 1, validate: validateBudgetSetV1 },
  },
} as const;

/** BudgetThresholdReached in every schema version, published by spendwise.insights: pass it to subscribe to accept it. */
export const BudgetThresholdReachedVersions = {
  detailType: 'BudgetThresholdReached',
  source: 'spendwise.insights',
  latest: 1,
  versions: {
    1: { source: 'spendwise.insights', detailType: 'BudgetThresholdReached', version: 1, validate: validateBudgetThresholdReachedV1 },
  },
} as const;

/** CategoryArchived in every schema version, published by spendwise.catalog: pass it to subscribe to accept it. */
export const CategoryArchivedVersions = {
  detailType: 'CategoryArchived',
  source: 'spendwise.catalog',
  latest: 1,
  versions: {
    1: { source: 'spendwise.catalog', detailType: 'CategoryArchived', version: 1, validate: validateCategoryArchivedV1 },
  },
} as const;

/** CategoryCreated in every schema version, published by spendwise.catalog: pass it to subscribe to accept it. */
export const CategoryCreatedVersions = {
  detailType: 'CategoryCreated',
  source: 'spendwise.catalog',
  latest: 1,
  versions: {
    1: { source: 'spendwise.catalog', detailType: 'CategoryCreated', version: 1, validate: validateCategoryCreatedV1 },
  },
} as const;

/** CategoryUpdated in every schema version, published by spendwise.catalog: pass it to subscribe to accept it. */
export const CategoryUpdatedVersions = {
  detailType: 'CategoryUpdated',
  source: 'spendwise.catalog',
  latest: 1,
  versions: {
    1: { source: 'spendwise.catalog', detailType: 'CategoryUpdated', version: 1, validate: validateCategoryUpdatedV1 },
  },
} as const;

/** ExpenseDeleted in every schema version, published by spendwise.expenses: pass it to subscribe to accept it. */
export const ExpenseDeletedVersions = {
  detailType: 'ExpenseDeleted',
  source: 'spendwise.expenses',
  latest: 1,
  versions: {
    1: { source: 'spendwise.expenses', detailType: 'ExpenseDeleted', version: 1, validate: validateExpenseDeletedV1 },
  },
} as const;

/** ExpenseRecorded in every schema version, published by spendwise.expenses: pass it to subscribe to accept it. */
export const ExpenseRecordedVersions = {
  detailType: 'ExpenseRecorded',
  source: 'spendwise.expenses',
  latest: 1,
  versions: {
    1: { source: 'spendwise.expenses', detailType: 'ExpenseRecorded', version: 1, validate: validateExpenseRecordedV1 },
  },
} as const;

/** ExpenseUpdated in every schema version, published by spendwise.expenses: pass it to subscribe to accept it. */
export const ExpenseUpdatedVersions = {
  detailType: 'ExpenseUpdated',
  source: 'spendwise.expenses',
  latest: 1,
  versions: {
    1: { source: 'spendwise.expenses', detailType: 'ExpenseUpdated', version: 1, validate: validateExpenseUpdatedV1 },
  },
} as const;

/** InsightReportFailed in every schema version, published by spendwise.insights: pass it to subscribe to accept it. */
export const InsightReportFailedVersions = {
  detailType: 'InsightReportFailed',
  source: 'spendwise.insights',
  latest: 1,
  versions: {
    1: { source: 'spendwise.insights', detailType: 'InsightReportFailed', version: 1, validate: validateInsightReportFailedV1 },
  },
} as const;

/** InsightReportReady in every schema version, published by spendwise.insights: pass it to subscribe to accept it. */
export const InsightReportReadyVersions = {
  detailType: 'InsightReportReady',
  source: 'spendwise.insights',
  latest: 1,
  versions: {
    1: { source: 'spendwise.insights', detailType: 'InsightReportReady', version: 1, validate: validateInsightReportReadyV1 },
  },
} as const;

/** MerchantRuleSet in every schema version, published by spendwise.catalog: pass it to subscribe to accept it. */
export const MerchantRuleSetVersions = {
  detailType: 'MerchantRuleSet',
  source: 'spendwise.catalog',
  latest: 1,
  versions: {
    1: { source: 'spendwise.catalog', detailType: 'MerchantRuleSet', version: 1, validate: validateMerchantRuleSetV1 },
  },
} as const;

/** NotificationDelivered in every schema version, published by spendwise.notifications: pass it to subscribe to accept it. */
export const NotificationDeliveredVersions = {
  detailType: 'NotificationDelivered',
  source: 'spendwise.notifications',
  latest: 1,
  versions: {
    1: { source: 'spendwise.notifications', detailType: 'NotificationDelivered', version: 1, validate: validateNotificationDeliveredV1 },
  },
} as const;

/** ReceiptAttached in every schema version, published by spendwise.expenses: pass it to subscribe to accept it. */
export const ReceiptAttachedVersions = {
  detailType: 'ReceiptAttached',
  source: 'spendwise.expenses',
  latest: 1,
  versions: {
    1: { source: 'spendwise.expenses', detailType: 'ReceiptAttached', version: 1, validate: validateReceiptAttachedV1 },
  },
} as const;

/** ReceiptRejected in every schema version, published by spendwise.expenses: pass it to subscribe to accept it. */
export const ReceiptRejectedVersions = {
  detailType: 'ReceiptRejected',
  source: 'spendwise.expenses',
  latest: 1,
  versions: {
    1: { source: 'spendwise.expenses', detailType: 'ReceiptRejected', version: 1, validate: validateReceiptRejectedV1 },
  },
} as const;

/** ReceiptRemoved in every schema version, published by spendwise.expenses: pass it to subscribe to accept it. */
export const ReceiptRemovedVersions = {
  detailType: 'ReceiptRemoved',
  source: 'spendwise.expenses',
  latest: 1,
  versions: {
    1: { source: 'spendwise.expenses', detailType: 'ReceiptRemoved', version: 1, validate: validateReceiptRemovedV1 },
  },
} as const;

/** SpendingAnomalyDetected in every schema version, published by spendwise.insights: pass it to subscribe to accept it. */
export const SpendingAnomalyDetectedVersions = {
  detailType: 'SpendingAnomalyDetected',
  source: 'spendwise.insights',
  latest: 1,
  versions: {
    1: { source: 'spendwise.insights', detailType: 'SpendingAnomalyDetected', version: 1, validate: validateSpendingAnomalyDetectedV1 },
  },
} as const;

/** Every event of the catalogue by detail-type: its source, latest version and a validator per version. */
export const eventRegistry = {
  BudgetRemoved: BudgetRemovedVersions,
  BudgetSet: BudgetSetVersions,
  BudgetThresholdReached: BudgetThresholdReachedVersions,
  CategoryArchived: CategoryArchivedVersions,
  CategoryCreated: CategoryCreatedVersions,
  CategoryUpdated: CategoryUpdatedVersions,
  ExpenseDeleted: ExpenseDeletedVersions,
  ExpenseRecorded: ExpenseRecordedVersions,
  ExpenseUpdated: ExpenseUpdatedVersions,
  InsightReportFailed: InsightReportFailedVersions,
  InsightReportReady: InsightReportReadyVersions,
  MerchantRuleSet: MerchantRuleSetVersions,
  NotificationDelivered: NotificationDeliveredVersions,
  ReceiptAttached: ReceiptAttachedVersions,
  ReceiptRejected: ReceiptRejectedVersions,
  ReceiptRemoved: ReceiptRemovedVersions,
  SpendingAnomalyDetected: SpendingAnomalyDetectedVersions,
} as const;

/** The detail-type of every event of the catalogue, without their validators. */
export const DETAIL_TYPES = ['BudgetRemoved', 'BudgetSet', 'BudgetThresholdReached', 'CategoryArchived', 'CategoryCreated', 'CategoryUpdated', 'ExpenseDeleted', 'ExpenseRecorded', 'ExpenseUpdated', 'InsightReportFailed', 'InsightReportReady', 'MerchantRuleSet', 'NotificationDelivered', 'ReceiptAttached', 'ReceiptRejected', 'ReceiptRemoved', 'SpendingAnomalyDetected'] as const;

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
