import type { BudgetSnapshot, MerchantRuleSnapshot } from '@spendwise/contracts';
import { type Budget, budgetSnapshot } from '../domain/budget';
import { type Category, categorySnapshot, type DefaultCategory } from '../domain/category';
import { type MerchantRule, merchantRuleSnapshot } from '../domain/merchantRule';

/** A category as clients see it; defaults carry no version (they never change). */
export interface CategoryView {
  categoryId: string;
  name: string;
  isDefault: boolean;
  archived: boolean;
  version?: number;
  createdAt?: string;
  updatedAt?: string;
}

export const presentDefault = (category: DefaultCategory): CategoryView => ({
  ...category,
  isDefault: true,
  archived: false,
});

export const presentCategory = (category: Category): CategoryView => ({
  ...categorySnapshot(category),
  isDefault: false,
});

export const presentBudget = (budget: Budget): BudgetSnapshot => budgetSnapshot(budget);

export const presentMerchantRule = (rule: MerchantRule): MerchantRuleSnapshot => merchantRuleSnapshot(rule);
