import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { lambdaContext, sqsEvent } from '@spendwise/lambda-kit/testing';
import { buildCatalogCopyStore } from '../src/adapters/catalogCopyStore';
import { applyCatalogChangeHandler } from '../src/functions/applyCatalogChange/applyCatalogChange';
import { categoryArchived, categoryCreated, categoryRenamed, merchantRuleSet } from './catalogEvents';
import { freshExpensesTable } from './support';

let table: Awaited<ReturnType<typeof freshExpensesTable>>;
let copy: ReturnType<typeof buildCatalogCopyStore>;
let consume: (...bodies: unknown[]) => Promise<string[]>;

beforeAll(async () => {
  table = await freshExpensesTable();
  copy = buildCatalogCopyStore(table.documentClient, { tableName: table.tableName });
  const handler = applyCatalogChangeHandler({ applyCatalogCopyChange: copy.applyCatalogCopyChange });
  // Delivers the bodies as one SQS batch to the real consumer; answers the ids of the records it failed.
  consume = async (...bodies) => {
    const response = await handler(sqsEvent(bodies.map((body) => ({ body }))), lambdaContext());
    return response.batchItemFailures.map((failure) => failure.itemIdentifier);
  };
});

afterAll(() => table.client.destroy());

describe('the catalog-copy consumer on DynamoDB Local', () => {
  it('copies a created, renamed and archived category at each version', async () => {
    const created = await consume(categoryCreated('ann', 'pets'));
    const afterCreate = await copy.findOwnCategory('ann', 'pets');
    await consume(categoryRenamed('ann', 'pets', 2));
    const afterRename = await copy.findOwnCategory('ann', 'pets');
    await consume(categoryArchived('ann', 'pets', 3));

    expect(created).toEqual([]);
    expect(afterCreate).toEqual({ userId: 'ann', categoryId: 'pets', archived: false, version: 1 });
    expect(afterRename).toMatchObject({ archived: false, version: 2 });
    expect(await copy.findOwnCategory('ann', 'pets')).toEqual({
      userId: 'ann',
      categoryId: 'pets',
      archived: true,
      version: 3,
    });
  });

  it('sets and removes a merchant rule', async () => {
    await consume(merchantRuleSet('ann', 'corner market', 'groceries', 1));
    const set = await copy.findMerchantRule('ann', 'corner market');
    await consume(merchantRuleSet('ann', 'corner market', null, 2));

    expect(set).toMatchObject({ categoryId: 'groceries', version: 1 });
    expect(await copy.findMerchantRule('ann', 'corner market')).toMatchObject({
      categoryId: null,
      version: 2,
    });
  });

  it('keeps the newer state when an older event arrives after it', async () => {
    await consume(categoryArchived('bob', 'boats', 2));

    const failures = await consume(categoryCreated('bob', 'boats'));

    expect(failures).toEqual([]);
    expect(await copy.findOwnCategory('bob', 'boats')).toMatchObject({ archived: true, version: 2 });
  });

  it('applies a redelivered event once and changes nothing the second time', async () => {
    const event = merchantRuleSet('cid', 'vet', 'health', 1);
    await consume(event);
    const before = await table.allItems();

    const failures = await consume(event, event);

    expect(failures).toEqual([]);
    expect(await table.allItems()).toEqual(before);
  });

  it('fails a poison record alone, so it reaches the DLQ while the rest of the batch is applied', async () => {
    const poison = { ...categoryCreated('dee', 'pets'), detail: { metadata: {}, data: {} } };

    const failures = await consume(poison, categoryCreated('dee', 'plants'));

    expect(failures).toEqual(['msg-1']);
    expect(await copy.findOwnCategory('dee', 'pets')).toBeUndefined();
    expect(await copy.findOwnCategory('dee', 'plants')).toMatchObject({ archived: false });
  });

  it("keeps each user's copy apart", async () => {
    await consume(categoryCreated('eve', 'garden'));

    expect(await copy.findOwnCategory('fay', 'garden')).toBeUndefined();
  });
});
