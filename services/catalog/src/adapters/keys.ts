import type { Budget } from '../domain/budget';
import type { Category } from '../domain/category';
import type { MerchantRule } from '../domain/merchantRule';

// Single-table key design (docs/catalog-data-model.md):
//   category       PK USER#<user>   SK CATEGORY#<categoryId>
//   budget         PK USER#<user>   SK BUDGET#<categoryId>       (removed: true once removed; kept as a tombstone)
//   merchant rule  PK USER#<user>   SK MERCHANT_RULE#<ruleId>    (categoryId null once removed; kept as a tombstone)
//   outbox         PK OUTBOX#<eventId>  SK OUTBOX                (TTL expiresAt; drained by the relay)

export const userKey = (userId: string) => `USER#${userId}`;

export const CATEGORY_PREFIX = 'CATEGORY#';
export const BUDGET_PREFIX = 'BUDGET#';
export const MERCHANT_RULE_PREFIX = 'MERCHANT_RULE#';

export const categoryKey = (userId: string, categoryId: string) => ({
  PK: userKey(userId),
  SK: `${CATEGORY_PREFIX}${categoryId}`,
});

export const budgetKey = (userId: string, categoryId: string) => ({
  PK: userKey(userId),
  SK: `${BUDGET_PREFIX}${categoryId}`,
});

export const merchantRuleKey = (userId: string, ruleId: string) => ({
  PK: userKey(userId),
  SK: `${MERCHANT_RULE_PREFIX}${ruleId}`,
});

export const categoryItem = (category: Category) => ({
  ...categoryKey(category.userId, category.categoryId),
  type: 'Category',
  ...category,
});

export const budgetItem = (budget: Budget) => ({
  ...budgetKey(budget.userId, budget.categoryId),
  type: 'Budget',
  ...budget,
});

export const merchantRuleItem = (rule: MerchantRule) => ({
  ...merchantRuleKey(rule.userId, rule.ruleId),
  type: 'MerchantRule',
  ...rule,
});

const KEY_ATTRIBUTES = new Set(['PK', 'SK', 'type']);

/** Strips table keys from a stored item. */
export function fromItem<T>(item: Record<string, unknown>): T {
  return Object.fromEntries(Object.entries(item).filter(([name]) => !KEY_ATTRIBUTES.has(name))) as T;
}
