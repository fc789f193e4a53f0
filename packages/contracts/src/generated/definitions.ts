// Generated from events/**/*.schema.json by scripts/gen-contracts.ts. Do not edit: change the schemas and run `pnpm gen`.
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

/** BudgetRemoved v1 (latest), published by spendwise.catalog: pass it to createEvent. */
export const BudgetRemoved = { source: 'spendwise.catalog', detailType: 'BudgetRemoved', version: 1, validate: validateBudgetRemovedV1 } as const;

/** BudgetSet v1 (latest), published by spendwise.catalog: pass it to createEvent. */
export const BudgetSet = { source: 'spendwise.catalog', detailType: 'BudgetSet', version: 1, validate: validateBudgetSetV1 } as const;

/** BudgetThresholdReached v1 (latest), published by spendwise.insights: pass it to createEvent. */
export const BudgetThresholdReached = { source: 'spendwise.insights', detailType: 'BudgetThresholdReached', version: 1, validate: validateBudgetThresholdReachedV1 } as const;

/** CategoryArchived v1 (latest), published by spendwise.catalog: pass it to createEvent. */
export const CategoryArchived = { source: 'spendwise.catalog', detailType: 'CategoryArchived', version: 1, validate: validateCategoryArchivedV1 } as const;

/** CategoryCreated v1 (latest), published by spendwise.catalog: pass it to createEvent. */
export const CategoryCreated = { source: 'spendwise.catalog', detailType: 'CategoryCreated', version: 1, validate: validateCategoryCreatedV1 } as const;

/** CategoryUpdated v1 (latest), published by spendwise.catalog: pass it to createEvent. */
export const CategoryUpdated = { source: 'spendwise.catalog', detailType: 'CategoryUpdated', version: 1, validate: validateCategoryUpdatedV1 } as const;

/** ExpenseDeleted v1 (latest), published by spendwise.expenses: pass it to createEvent. */
export const ExpenseDeleted = { source: 'spendwise.expenses', detailType: 'ExpenseDeleted', version: 1, validate: validateExpenseDeletedV1 } as const;

/** ExpenseRecorded v1 (latest), published by spendwise.expenses: pass it to createEvent. */
export const ExpenseRecorded = { source: 'spendwise.expenses', detailType: 'ExpenseRecorded', version: 1, validate: validateExpenseRecordedV1 } as const;

/** ExpenseUpdated v1 (latest), published by spendwise.expenses: pass it to createEvent. */
export const ExpenseUpdated = { source: 'spendwise.expenses', detailType: 'ExpenseUpdated', version: 1, validate: validateExpenseUpdatedV1 } as const;

/** InsightReportFailed v1 (latest), published by spendwise.insights: pass it to createEvent. */
export const InsightReportFailed = { source: 'spendwise.insights', detailType: 'InsightReportFailed', version: 1, validate: validateInsightReportFailedV1 } as const;

/** InsightReportReady v1 (latest), published by spendwise.insights: pass it to createEvent. */
export const InsightReportReady = { source: 'spendwise.insights', detailType: 'InsightReportReady', version: 1, validate: validateInsightReportReadyV1 } as const;

/** MerchantRuleSet v1 (latest), published by spendwise.catalog: pass it to createEvent. */
export const MerchantRuleSet = { source: 'spendwise.catalog', detailType: 'MerchantRuleSet', version: 1, validate: validateMerchantRuleSetV1 } as const;

/** NotificationDelivered v1 (latest), published by spendwise.notifications: pass it to createEvent. */
export const NotificationDelivered = { source: 'spendwise.notifications', detailType: 'NotificationDelivered', version: 1, validate: validateNotificationDeliveredV1 } as const;

/** ReceiptAttached v1 (latest), published by spendwise.expenses: pass it to createEvent. */
export const ReceiptAttached = { source: 'spendwise.expenses', detailType: 'ReceiptAttached', version: 1, validate: validateReceiptAttachedV1 } as const;

/** ReceiptRejected v1 (latest), published by spendwise.expenses: pass it to createEvent. */
export const ReceiptRejected = { source: 'spendwise.expenses', detailType: 'ReceiptRejected', version: 1, validate: validateReceiptRejectedV1 } as const;

/** ReceiptRemoved v1 (latest), published by spendwise.expenses: pass it to createEvent. */
export const ReceiptRemoved = { source: 'spendwise.expenses', detailType: 'ReceiptRemoved', version: 1, validate: validateReceiptRemovedV1 } as const;

/** SpendingAnomalyDetected v1 (latest), published by spendwise.insights: pass it to createEvent. */
export const SpendingAnomalyDetected = { source: 'spendwise.insights', detailType: 'SpendingAnomalyDetected', version: 1, validate: validateSpendingAnomalyDetectedV1 } as const;
