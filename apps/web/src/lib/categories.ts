import type { Category } from '../api';

/** A category's display name from the list, else its id made readable ("eating-out" → "Eating out"). */
export function categoryName(categories: Category[] | undefined, id: string): string {
  const found = categories?.find((c) => c.categoryId === id);
  if (found) return found.name;
  const words = id.replace(/-/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** Categories a new expense or budget can use: active ones, defaults first, by name. */
export const usable = (categories: Category[] | undefined): Category[] =>
  (categories ?? [])
    .filter((c) => !c.archived)
    .sort((a, b) => Number(b.isDefault) - Number(a.isDefault) || a.name.localeCompare(b.name));
