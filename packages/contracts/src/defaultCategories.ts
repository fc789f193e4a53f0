/**
 * What the catalog and every service that keeps a copy of it must agree on beyond the events themselves: the
 * default categories every user has (they are never announced, since they never change), the category id of an
 * expense that has none, and how a merchant is normalised before a merchant rule is matched.
 */

/** A category every user has from the start. Defaults are fixed, the same for everyone, and read-only. */
export interface DefaultCategory {
  categoryId: string;
  name: string;
}

/** The default categories, in the order clients show them. */
export const DEFAULT_CATEGORIES: readonly DefaultCategory[] = [
  { categoryId: 'groceries', name: 'Groceries' },
  { categoryId: 'dining', name: 'Dining' },
  { categoryId: 'transport', name: 'Transport' },
  { categoryId: 'housing', name: 'Housing' },
  { categoryId: 'utilities', name: 'Utilities' },
  { categoryId: 'health', name: 'Health' },
  { categoryId: 'entertainment', name: 'Entertainment' },
  { categoryId: 'shopping', name: 'Shopping' },
  { categoryId: 'travel', name: 'Travel' },
  { categoryId: 'other', name: 'Other' },
];

/** The category id of an expense nobody has categorised yet; reserved, so no user category can take it. */
export const UNCATEGORIZED_CATEGORY_ID = 'uncategorized';

/** Whether `categoryId` is one of the default categories. */
export const isDefaultCategoryId = (categoryId: string): boolean =>
  DEFAULT_CATEGORIES.some((category) => category.categoryId === categoryId);

/** The form merchant rules match on: trimmed, lower-cased, inner whitespace collapsed to one space. */
export const normaliseMerchant = (merchant: string): string =>
  merchant.trim().toLowerCase().replace(/\s+/g, ' ');
