import { createHash } from 'node:crypto';
import {
  type CategorySnapshot,
  DEFAULT_CATEGORIES,
  type DefaultCategory,
  isDefaultCategoryId,
  UNCATEGORIZED_CATEGORY_ID,
} from '@spendwise/contracts';
import {
  CategoryArchivedError,
  CategoryExistsError,
  CategoryNotFoundError,
  DefaultCategoryError,
} from './errors';

/** One of a user's own categories as the catalog keeps it: the published snapshot plus its owner. */
export type Category = CategorySnapshot & { userId: string };

// The defaults are part of the contract with the services that keep a copy of the catalog, so they live in
// @spendwise/contracts; re-exported here for the catalog's own code.
export { DEFAULT_CATEGORIES, type DefaultCategory };

/** Ids nobody may create: the defaults, and the id expenses use for "no category yet". */
const RESERVED_IDS = new Set([...DEFAULT_CATEGORIES.map((c) => c.categoryId), UNCATEGORIZED_CATEGORY_ID]);

const MAX_SLUG = 64;

/** Whether `categoryId` is one of the defaults every user has. */
export const isDefaultCategory = isDefaultCategoryId;

/**
 * The id of a category named `name`: lower-case ASCII letters and digits joined by single dashes, accents
 * stripped ("Café crème" → "cafe-creme"). A name with no such characters at all (e.g. "食品") gets `c-` and a
 * hash of the name instead, so every name has a stable id.
 */
export function categoryIdOf(name: string): string {
  const slug = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, MAX_SLUG)
    .replace(/-+$/, '');
  if (slug) return slug;
  return `c-${createHash('sha256').update(name.trim()).digest('hex').slice(0, 16)}`;
}

/** Display names are trimmed and have their inner whitespace collapsed. */
export const cleanName = (name: string): string => name.trim().replace(/\s+/g, ' ');

/** Creates version 1 of a user's own category; a name whose id is reserved conflicts with the default. */
export function createCategory(name: string, identity: { userId: string; now: Date }): Category {
  const clean = cleanName(name);
  const categoryId = categoryIdOf(clean);
  if (RESERVED_IDS.has(categoryId)) throw new CategoryExistsError(categoryId);
  const timestamp = identity.now.toISOString();
  return {
    userId: identity.userId,
    categoryId,
    name: clean,
    archived: false,
    version: 1,
    createdAt: timestamp,
    updatedAt: timestamp,
  };
}

/** Renames a category; the id stays (it is referenced by expenses, budgets and rules). Unchanged → same object. */
export function renameCategory(category: Category, name: string, now: Date): Category {
  const clean = cleanName(name);
  if (clean === category.name) return category;
  return { ...category, name: clean, version: category.version + 1, updatedAt: now.toISOString() };
}

/** Archives a category for good (categories are never deleted: old expenses still point at them). */
export function archiveCategory(category: Category, now: Date): Category {
  if (category.archived) throw new CategoryArchivedError(category.categoryId);
  return { ...category, archived: true, version: category.version + 1, updatedAt: now.toISOString() };
}

/** Refuses to change a default category. */
export function assertChangeable(categoryId: string): void {
  if (isDefaultCategory(categoryId)) throw new DefaultCategoryError(categoryId);
}

/** The event-facing copy of a category (no owner: that travels in the event metadata). */
export function categorySnapshot(category: Category): CategorySnapshot {
  const { userId: _owner, ...snapshot } = category;
  return snapshot;
}

/** Budgets and rules may point at a default category or at an own category that is not archived. */
export function assertUsable(categoryId: string, own: Category | undefined): void {
  if (isDefaultCategory(categoryId)) return;
  if (!own) throw new CategoryNotFoundError(categoryId);
  if (own.archived) throw new CategoryArchivedError(categoryId);
}
