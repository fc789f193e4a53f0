// Generated from events/**/*.schema.json by scripts/gen-contracts.ts. Do not edit: change the schemas and run `pnpm gen`.
import type { StandaloneValidator } from '../validatorRuntime';
import type { BudgetRemovedV1, BudgetSetV1, BudgetThresholdReachedV1, CategoryArchivedV1, CategoryCreatedV1, CategoryUpdatedV1, ExpenseDeletedV1, ExpenseRecordedV1, ExpenseUpdatedV1, InsightReportFailedV1, InsightReportReadyV1, MerchantRuleSetV1, NotificationDeliveredV1, ReceiptAttachedV1, ReceiptRejectedV1, ReceiptRemovedV1, SpendingAnomalyDetectedV1 } from './types';

export declare const validateBudgetRemovedV1: StandaloneValidator<BudgetRemovedV1>;
export declare const validateBudgetSetV1: StandaloneValidator<BudgetSetV1>;
export declare const validateBudgetThresholdReachedV1: StandaloneValidator<BudgetThresholdReachedV1>;
export declare const validateCategoryArchivedV1: StandaloneValidator<CategoryArchivedV1>;
export declare const validateCategoryCreatedV1: StandaloneValidator<CategoryCreatedV1>;
export declare const validateCategoryUpdatedV1: StandaloneValidator<CategoryUpdatedV1>;
export declare const validateExpenseDeletedV1: StandaloneValidator<ExpenseDeletedV1>;
export declare const validateExpenseRecordedV1: StandaloneValidator<ExpenseRecordedV1>;
export declare const validateExpenseUpdatedV1: StandaloneValidator<ExpenseUpdatedV1>;
export declare const validateInsightReportFailedV1: StandaloneValidator<InsightReportFailedV1>;
export declare const validateInsightReportReadyV1: StandaloneValidator<InsightReportReadyV1>;
export declare const validateMerchantRuleSetV1: StandaloneValidator<MerchantRuleSetV1>;
export declare const validateNotificationDeliveredV1: StandaloneValidator<NotificationDeliveredV1>;
export declare const validateReceiptAttachedV1: StandaloneValidator<ReceiptAttachedV1>;
export declare const validateReceiptRejectedV1: StandaloneValidator<ReceiptRejectedV1>;
export declare const validateReceiptRemovedV1: StandaloneValidator<ReceiptRemovedV1>;
export declare const validateSpendingAnomalyDetectedV1: StandaloneValidator<SpendingAnomalyDetectedV1>;
