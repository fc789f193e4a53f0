import { describe, expect, it } from '@jest/globals';
import { DEFAULT_CATEGORIES } from '@spendwise/contracts';
import type { MerchantRuleCopy, OwnCategoryCopy } from './catalogCopy';
import { type CatalogCopyReaders, categoryForMerchant, requestedCategory } from './categoryChoice';
import { CategoryArchivedError, UnknownCategoryError } from './errors';

const category = (categoryId: string, archived = false): OwnCategoryCopy => ({
  userId: 'u1',
  categoryId,
  archived,
  version: 1,
});
const rule = (merchant: string, categoryId: string | null, userId = 'u1'): MerchantRuleCopy => ({
  userId,
  merchant,
  categoryId,
  version: 1,
});

/** Readers over an in-memory copy, recording what was read. */
function copyOf(categories: OwnCategoryCopy[], rules: MerchantRuleCopy[] = []) {
  const reads: string[] = [];
  const readers: CatalogCopyReaders = {
    findOwnCategory: async (userId, categoryId) => {
      reads.push(`category:${categoryId}`);
      return categories.find((c) => c.userId === userId && c.categoryId === categoryId);
    },
    findMerchantRule: async (userId, merchant) => {
      reads.push(`rule:${merchant}`);
      return rules.find((r) => r.userId === userId && r.merchant === merchant);
    },
  };
  return { readers, reads };
}

describe('requestedCategory', () => {
  it.each([...DEFAULT_CATEGORIES.map((c) => c.categoryId), 'uncategorized'])(
    'accepts %s without reading the copy or re-checking it',
    async (categoryId) => {
      const { readers, reads } = copyOf([]);

      const choice = await requestedCategory(readers, 'u1', categoryId);

      expect(choice).toEqual({ categoryId, guardOwnCategory: false });
      expect(reads).toEqual([]);
    },
  );

  it('accepts an active own category and asks for a re-check at write time', async () => {
    const { readers } = copyOf([category('pets')]);

    expect(await requestedCategory(readers, 'u1', 'pets')).toEqual({
      categoryId: 'pets',
      guardOwnCategory: true,
    });
  });

  it('refuses a category the copy does not know', async () => {
    const { readers } = copyOf([category('pets')]);

    await expect(requestedCategory(readers, 'u1', 'boats')).rejects.toBeInstanceOf(UnknownCategoryError);
  });

  it('refuses an archived own category', async () => {
    const { readers } = copyOf([category('pets', true)]);

    await expect(requestedCategory(readers, 'u1', 'pets')).rejects.toBeInstanceOf(CategoryArchivedError);
  });

  it("refuses another user's category as unknown", async () => {
    const { readers } = copyOf([{ ...category('pets'), userId: 'u2' }]);

    await expect(requestedCategory(readers, 'u1', 'pets')).rejects.toBeInstanceOf(UnknownCategoryError);
  });
});

describe('categoryForMerchant', () => {
  it('is uncategorized without a merchant, reading nothing', async () => {
    const { readers, reads } = copyOf([]);

    expect(await categoryForMerchant(readers, 'u1', undefined)).toEqual({
      categoryId: 'uncategorized',
      guardOwnCategory: false,
    });
    expect(reads).toEqual([]);
  });

  it('looks the rule up by the normalised merchant', async () => {
    const { readers, reads } = copyOf([], [rule('corner market', 'groceries')]);

    const choice = await categoryForMerchant(readers, 'u1', '  Corner \t MARKET ');

    expect(choice.categoryId).toBe('groceries');
    expect(reads).toEqual(['rule:corner market']);
  });

  it('files under an own category a rule points at while it is active', async () => {
    const { readers } = copyOf([category('pets')], [rule('vet', 'pets')]);

    expect((await categoryForMerchant(readers, 'u1', 'Vet')).categoryId).toBe('pets');
  });

  it.each([
    ['a removed rule', [category('pets')], [rule('vet', null)]],
    ['no rule', [category('pets')], []],
    ['a rule whose category was archived since', [category('pets', true)], [rule('vet', 'pets')]],
    ["another user's rule", [category('pets')], [rule('vet', 'pets', 'u2')]],
  ])('is uncategorized with %s', async (_name, categories, rules) => {
    const { readers } = copyOf(categories, rules);

    expect((await categoryForMerchant(readers, 'u1', 'vet')).categoryId).toBe('uncategorized');
  });
});
