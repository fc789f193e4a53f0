import { readFileSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import { parseEvent } from '@spendwise/contracts';
import { CATALOG_COPY_EVENTS, catalogCopyChangeOf } from './catalogCopy';

const USER = '0f7e5d6c-1b2a-4c3d-9e8f-7a6b5c4d3e2f';

/** One of the catalog's published example events, as the bus delivers it. */
const example = (detailType: string, name: string) =>
  parseEvent(
    {
      id: 'eb-1',
      source: 'spendwise.catalog',
      'detail-type': detailType,
      detail: JSON.parse(
        readFileSync(
          new URL(`../../../../events/catalog/examples/${detailType}.v1.${name}.json`, import.meta.url),
          'utf8',
        ),
      ),
    },
    CATALOG_COPY_EVENTS,
  );

describe('catalogCopyChangeOf', () => {
  it('copies a created category with its version', () => {
    expect(catalogCopyChangeOf(example('CategoryCreated', 'simple'))).toEqual({
      kind: 'category',
      category: { userId: USER, categoryId: expect.any(String), archived: false, version: 1 },
    });
  });

  it('takes the current snapshot of an updated category, archived flag included', () => {
    const change = catalogCopyChangeOf(example('CategoryUpdated', 'renamed-while-archived'));

    expect(change).toMatchObject({ kind: 'category', category: { archived: true } });
  });

  it('copies an archived category as archived at the archiving version', () => {
    expect(catalogCopyChangeOf(example('CategoryArchived', 'simple'))).toEqual({
      kind: 'category',
      category: { userId: USER, categoryId: 'pets', archived: true, version: 3 },
    });
  });

  it('copies a merchant rule by its normalised merchant', () => {
    expect(catalogCopyChangeOf(example('MerchantRuleSet', 'set'))).toEqual({
      kind: 'merchantRule',
      rule: { userId: USER, merchant: 'corner market', categoryId: 'groceries', version: 1 },
    });
  });

  it('copies a removed merchant rule with no category', () => {
    const change = catalogCopyChangeOf(example('MerchantRuleSet', 'removed'));

    expect(change).toMatchObject({ kind: 'merchantRule', rule: { categoryId: null } });
  });
});
