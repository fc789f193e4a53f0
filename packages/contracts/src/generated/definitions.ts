// Generated from events/**/*.schema.json by scripts/gen-contracts.ts. Do not edit: change the schemas and run `pnpm gen`.
import { validateBudgetRemovedV1 } from './events/BudgetRemovedV1';
import { validateBudgetSetV1 } from './events/BudgetSetV1';
import { validateCategoryArchivedV1 } from './events/CategoryArchivedV1';
import { validateCategoryCreatedV1 } from './events/CategoryCreatedV1';
import { validateCategoryUpdatedV1 } from './events/CategoryUpdatedV1';
import { validateExpenseDeletedV1 } from './events/ExpenseDeletedV1';
import { validateExpenseRecordedV1 } from './events/ExpenseRecordedV1';
import { validateExpenseUpdatedV1 } from './events/ExpenseUpdatedV1';
import { validateMerchantRuleSetV1 } from './events/MerchantRuleSetV1';

/** BudgetRemoved v1 (latest), published by spendwise.catalog: pass it to createEvent. */
export const BudgetRemoved = { source: 'spendwise.catalog', detailType: 'BudgetRemoved', version: 1, validate: validateBudgetRemovedV1 } as const;

/** BudgetSet v1 (latest), published by spendwise.catalog: pass it to createEvent. */
export const BudgetSet = { source: 'spendwise.catalog', detailType: 'BudgetSet', version: 1, validate: validateBudgetSetV1 } as const;

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

/** MerchantRuleSet v1 (latest), published by spendwise.catalog: pass it to createEvent. */
export const MerchantRuleSet = { source: 'spendwise.catalog', detailType: 'MerchantRuleSet', version: 1, validate: validateMerchantRuleSetV1 } as const;
