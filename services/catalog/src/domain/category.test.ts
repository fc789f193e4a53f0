import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import {
  archiveCategory,
  assertChangeable,
  assertUsable,
  type Category,
  categoryIdOf,
  categorySnapshot,
  createCategory,
  DEFAULT_CATEGORIES,
  renameCategory,
} from './category';
import {
  CategoryArchivedError,
  CategoryExistsError,
  CategoryNotFoundError,
  DefaultCategoryError,
} from './errors';

const now = new Date('2026-11-05T10:00:00.000Z');
const later = new Date('2026-11-06T08:30:00.000Z');
const CATEGORY_ID = /^[a-z0-9][a-z0-9-]{0,63}$/;

const pets = (): Category => createCategory('  Pets  ', { userId: 'user-1', now });

describe('categoryIdOf', () => {
  it.each([
    ['Pets', 'pets'],
    ['Café crème', 'cafe-creme'],
    ['  Kids & School!  ', 'kids-school'],
    ['Rent 2026', 'rent-2026'],
  ])('derives the slug of %p as %p', (name, id) => {
    expect(categoryIdOf(name)).toBe(id);
  });

  it('gives a name without any Latin letter or digit a stable hashed id', () => {
    // Pinned: ids are stored, so the same name must give the same id in every release, not just twice in a row.
    expect(categoryIdOf('食品')).toBe('c-6840b7e095496bf5');
    expect(categoryIdOf('  食品 ')).toBe('c-6840b7e095496bf5');
    expect(categoryIdOf('飲料')).toBe('c-7a4d3d287250d8c1');
  });

  it('always yields a valid category id, whatever the name', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 64 }), (name) => {
        expect(categoryIdOf(name)).toMatch(CATEGORY_ID);
      }),
    );
  });

  it('gives every default a valid id', () => {
    for (const { categoryId } of DEFAULT_CATEGORIES) expect(categoryId).toMatch(CATEGORY_ID);
  });
});

describe('createCategory', () => {
  it('creates version 1 with a cleaned name and the derived id', () => {
    expect(pets()).toEqual({
      userId: 'user-1',
      categoryId: 'pets',
      name: 'Pets',
      archived: false,
      version: 1,
      createdAt: now.toISOString(),
      updatedAt: now.toISOString(),
    });
  });

  it.each(['Groceries', 'GROCERIES ', 'Uncategorized'])(
    'refuses %p: its id is a default or reserved',
    (name) => {
      expect(() => createCategory(name, { userId: 'u', now })).toThrow(CategoryExistsError);
    },
  );
});

describe('renameCategory and archiveCategory', () => {
  it('renames into the next version and keeps the id', () => {
    const renamed = renameCategory(pets(), 'Pet care', later);

    expect(renamed).toMatchObject({ categoryId: 'pets', name: 'Pet care', version: 2 });
    expect(renamed.updatedAt).toBe(later.toISOString());
  });

  it('returns the category untouched when the name does not really change', () => {
    const original = pets();

    expect(renameCategory(original, ' Pets ', later)).toBe(original);
  });

  it('archives once, never twice', () => {
    const archived = archiveCategory(pets(), later);

    expect(archived).toMatchObject({ archived: true, version: 2 });
    expect(() => archiveCategory(archived, later)).toThrow(CategoryArchivedError);
  });

  it('treats defaults as read-only', () => {
    expect(() => assertChangeable('groceries')).toThrow(DefaultCategoryError);
    expect(() => assertChangeable('pets')).not.toThrow();
  });
});

describe('assertUsable', () => {
  it('accepts a default and an active own category', () => {
    expect(() => assertUsable('dining', undefined)).not.toThrow();
    expect(() => assertUsable('pets', pets())).not.toThrow();
  });

  it('refuses an unknown or an archived category', () => {
    expect(() => assertUsable('pets', undefined)).toThrow(CategoryNotFoundError);
    expect(() => assertUsable('pets', archiveCategory(pets(), later))).toThrow(CategoryArchivedError);
  });
});

it('leaves the owner out of the published snapshot', () => {
  expect(categorySnapshot(pets())).not.toHaveProperty('userId');
});
