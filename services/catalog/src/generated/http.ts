// Generated from services/catalog/src/http/schemas/*.schema.json by scripts/gen-contracts.ts. Do not edit: change the schemas and run `pnpm gen`.
import type { BudgetSnapshot, BudgetThresholds, CategoryId, CategoryName, MerchantRuleSnapshot, Money } from '@spendwise/contracts';

/**
 * GET /budgets: the caller's budgets.
 */
export interface BudgetListResponse {
  items: BudgetSnapshot[];
}

/**
 * Path parameters of /budgets/{categoryId}.
 */
export interface BudgetPath {
  categoryId: CategoryId;
}

export type BudgetResponse = BudgetSnapshot;

/**
 * Path parameters of /categories/{id}.
 */
export interface CategoryIdPath {
  id: CategoryId;
}

/**
 * GET /categories: the default categories, then the caller's own (archived ones included).
 */
export interface CategoryListResponse {
  items: Category[];
}
export interface Category {
  categoryId: CategoryId;
  name: CategoryName;
  isDefault: boolean;
  archived: boolean;
  /**
   * Own categories only; its ETag is the quoted version
   */
  version?: number;
  createdAt?: string;
  updatedAt?: string;
}

/**
 * A category as clients see it: a default one (isDefault, no version: it never changes) or one of the caller's own.
 */
export interface CategoryResponse {
  categoryId: CategoryId;
  name: CategoryName;
  isDefault: boolean;
  archived: boolean;
  /**
   * Own categories only; its ETag is the quoted version
   */
  version?: number;
  createdAt?: string;
  updatedAt?: string;
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
 * GET /merchant-rules: the caller's merchant rules.
 */
export interface MerchantRuleListResponse {
  items: MerchantRuleSnapshot[];
}

export type MerchantRuleResponse = MerchantRuleSnapshot;

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
