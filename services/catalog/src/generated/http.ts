// Generated from services/catalog/src/http/schemas/*.schema.json by scripts/gen-contracts.ts. Do not edit: change the schemas and run `pnpm gen`.
import type { BudgetThresholds, CategoryId, Money } from '@spendwise/contracts';

/**
 * Path parameters of /budgets/{categoryId}.
 */
export interface BudgetPath {
  categoryId: CategoryId;
}

/**
 * Path parameters of /categories/{id}.
 */
export interface CategoryIdPath {
  id: CategoryId;
}

/**
 * Body of POST /categories. The owner comes from the caller's token, never from the body.
 */
export interface CreateCategoryRequest {
  /**
   * Display name; the category id is derived from it
   */
  name: string;
}

/**
 * Path parameters of /merchant-rules/{id}.
 */
export interface MerchantRuleIdPath {
  /**
   * Rule id, derived from the normalised merchant
   */
  id: string;
}

/**
 * Body of PATCH /categories/{id}: the new name (the id stays).
 */
export interface RenameCategoryRequest {
  /**
   * Display name; the category id is derived from it
   */
  name: string;
}

/**
 * Body of PUT /budgets/{categoryId}: the monthly amount and the percentages at which spending is announced (default [80, 100]).
 */
export interface SetBudgetRequest {
  amount: Money;
  thresholds?: BudgetThresholds;
}

/**
 * Body of PUT /merchant-rules: file this merchant's expenses under a category. The merchant is normalised (trimmed, lower-cased, inner whitespace collapsed).
 */
export interface SetMerchantRuleRequest {
  /**
   * Merchant as the user typed it
   */
  merchant: string;
  categoryId: CategoryId;
}
