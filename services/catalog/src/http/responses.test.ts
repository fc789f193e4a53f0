import { describe, expect, it } from '@jest/globals';
import { httpSchemaId, testCalendar, violationsOf } from '@spendwise/test-kit';
import { setBudget } from '../domain/budget';
import { archiveCategory, createCategory, DEFAULT_CATEGORIES } from '../domain/category';
import { removeMerchantRule, setMerchantRule } from '../domain/merchantRule';
import { presentBudget, presentCategory, presentDefault, presentMerchantRule } from './present';

// The response schemas feed the OpenAPI documents: what the presenters really produce must conform to them.
const { now } = testCalendar();
const identity = { userId: 'user-1', now };
const own = createCategory('Board games', identity);
const budget = setBudget(
  undefined,
  { amount: { minorUnits: 20000, currency: 'EUR' } },
  {
    ...identity,
    categoryId: 'dining',
  },
);
const rule = setMerchantRule(undefined, { merchant: '  Corner  SHOP ', categoryId: 'groceries' }, identity);
const schema = (title: string) => httpSchemaId('catalog', title);

describe('catalog responses', () => {
  it('categories, default and own, archived or not, conform to CategoryResponse and CategoryListResponse', () => {
    const items = [
      ...DEFAULT_CATEGORIES.map(presentDefault),
      presentCategory(own),
      presentCategory(archiveCategory(own, now)),
    ];

    for (const item of items) expect(violationsOf(schema('CategoryResponse'), item)).toEqual([]);
    expect(violationsOf(schema('CategoryListResponse'), { items })).toEqual([]);
  });

  it('a budget conforms to BudgetResponse and BudgetListResponse', () => {
    expect(violationsOf(schema('BudgetResponse'), presentBudget(budget))).toEqual([]);
    expect(violationsOf(schema('BudgetListResponse'), { items: [presentBudget(budget)] })).toEqual([]);
  });

  it('a merchant rule, set or removed, conforms to MerchantRuleResponse and MerchantRuleListResponse', () => {
    const removed = removeMerchantRule(rule, rule.ruleId, now);

    expect(violationsOf(schema('MerchantRuleResponse'), presentMerchantRule(rule))).toEqual([]);
    expect(violationsOf(schema('MerchantRuleResponse'), presentMerchantRule(removed))).toEqual([]);
    expect(violationsOf(schema('MerchantRuleListResponse'), { items: [presentMerchantRule(rule)] })).toEqual(
      [],
    );
  });

  it('refuses a category without its flags', () => {
    expect(violationsOf(schema('CategoryResponse'), { categoryId: 'x', name: 'X' })).toEqual([
      "/ must have required property 'isDefault'",
      "/ must have required property 'archived'",
    ]);
  });
});
