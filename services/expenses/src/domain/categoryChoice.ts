import { isDefaultCategoryId, normaliseMerchant } from '@spendwise/contracts';
import type { MerchantRuleCopy, OwnCategoryCopy } from './catalogCopy';
import { CategoryArchivedError, UnknownCategoryError } from './errors';
import { UNCATEGORIZED } from './expense';

/** Reads one of the owner's own categories from the copy. */
export type FindOwnCategory = (userId: string, categoryId: string) => Promise<OwnCategoryCopy | undefined>;

/** Reads the owner's rule for a normalised merchant from the copy. */
export type FindMerchantRule = (userId: string, merchant: string) => Promise<MerchantRuleCopy | undefined>;

export interface CatalogCopyReaders {
  findOwnCategory: FindOwnCategory;
  findMerchantRule: FindMerchantRule;
}

/**
 * The category an expense is filed under, and whether it is one of the owner's own categories. An own category
 * can be archived between the check and the write, so the write re-checks it (`guardOwnCategory`); defaults
 * and `uncategorized` never change.
 */
export interface CategoryChoice {
  categoryId: string;
  guardOwnCategory: boolean;
}

const fixed = (categoryId: string): CategoryChoice => ({ categoryId, guardOwnCategory: false });

const isFixed = (categoryId: string) => categoryId === UNCATEGORIZED || isDefaultCategoryId(categoryId);

/**
 * Checks a category the owner asked for: a default, `uncategorized` or one of their active own categories.
 * Throws UnknownCategoryError or CategoryArchivedError otherwise.
 */
export async function requestedCategory(
  readers: Pick<CatalogCopyReaders, 'findOwnCategory'>,
  userId: string,
  categoryId: string,
): Promise<CategoryChoice> {
  if (isFixed(categoryId)) return fixed(categoryId);
  const own = await readers.findOwnCategory(userId, categoryId);
  if (!own) throw new UnknownCategoryError(categoryId);
  if (own.archived) throw new CategoryArchivedError(categoryId);
  return { categoryId, guardOwnCategory: true };
}

/**
 * The category of an expense recorded without one: the owner's rule for its merchant when there is one whose
 * category is still usable, `uncategorized` otherwise. A rule never makes a request fail: a rule pointing at a
 * category archived since it was set files the expense as `uncategorized`.
 */
export async function categoryForMerchant(
  readers: CatalogCopyReaders,
  userId: string,
  merchant: string | undefined,
): Promise<CategoryChoice> {
  if (merchant === undefined) return fixed(UNCATEGORIZED);
  const rule = await readers.findMerchantRule(userId, normaliseMerchant(merchant));
  const categoryId = rule?.categoryId;
  if (!categoryId) return fixed(UNCATEGORIZED);
  if (isFixed(categoryId)) return fixed(categoryId);
  const own = await readers.findOwnCategory(userId, categoryId);
  return fixed(own && !own.archived ? categoryId : UNCATEGORIZED);
}
