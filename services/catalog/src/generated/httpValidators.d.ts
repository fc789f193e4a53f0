// Generated from services/catalog/src/http/schemas/*.schema.json by scripts/gen-contracts.ts. Do not edit: change the schemas and run `pnpm gen`.
import type { StandaloneValidator } from '@spendwise/contracts/validatorRuntime';
import type { BudgetPath, CategoryIdPath, CreateCategoryRequest, MerchantRuleIdPath, RenameCategoryRequest, SetBudgetRequest, SetMerchantRuleRequest } from './http';

export declare const validateBudgetPath: StandaloneValidator<BudgetPath>;
export declare const validateCategoryIdPath: StandaloneValidator<CategoryIdPath>;
export declare const validateCreateCategoryRequest: StandaloneValidator<CreateCategoryRequest>;
export declare const validateMerchantRuleIdPath: StandaloneValidator<MerchantRuleIdPath>;
export declare const validateRenameCategoryRequest: StandaloneValidator<RenameCategoryRequest>;
export declare const validateSetBudgetRequest: StandaloneValidator<SetBudgetRequest>;
export declare const validateSetMerchantRuleRequest: StandaloneValidator<SetMerchantRuleRequest>;
