import { describe, expect, it } from '@jest/globals';
import { lambdaContext, sqsEvent } from '@spendwise/lambda-kit/testing';
import type { CatalogCopyChange } from '../../domain/catalogCopy';
import { applyCatalogChangeHandler } from './applyCatalogChange';

// Event ids are UUIDs; the last digit tells the test's events apart.
const metadata = (id: string) => ({
  eventId: `6f1c2d3e-4a5b-4c6d-8e7f-00000000000${id.slice(-1)}`,
  eventVersion: 1,
  occurredAt: '2026-11-02T09:00:00.000Z',
  correlationId: 'corr-1',
  causationId: 'req-1',
  userId: 'user-7',
});
const snapshot = (version: number, archived: boolean) => ({
  categoryId: 'pets',
  name: 'Pets',
  archived,
  version,
  createdAt: '2026-11-02T09:00:00.000Z',
  updatedAt: '2026-11-02T09:00:00.000Z',
});
const busEvent = (detailType: string, detail: unknown) => ({
  id: `eb-${detailType}`,
  source: 'spendwise.catalog',
  'detail-type': detailType,
  detail,
});

/** A copy that applies only newer versions, like the DynamoDB one, recording every change it was given. */
function fakeCopy() {
  const versions = new Map<string, number>();
  const given: CatalogCopyChange[] = [];
  const ignored: string[] = [];
  const applyCatalogCopyChange = async (change: CatalogCopyChange) => {
    given.push(change);
    const entry = change.kind === 'category' ? change.category : change.rule;
    const key = `${change.kind}:${entry.userId}`;
    if ((versions.get(key) ?? 0) >= entry.version) return 'ignored' as const;
    versions.set(key, entry.version);
    return 'applied' as const;
  };
  const handler = applyCatalogChangeHandler({
    applyCatalogCopyChange,
    onIgnored: (event) => ignored.push(`e-${event.detail.metadata.eventId.slice(-1)}`),
  });
  return { handler, given, ignored };
}

describe('the catalog-copy consumer', () => {
  it('applies a catalog event to the copy as the owner of its metadata', async () => {
    const { handler, given } = fakeCopy();
    const created = busEvent('CategoryCreated', {
      metadata: metadata('e-1'),
      data: { category: snapshot(1, false) },
    });

    const response = await handler(sqsEvent([{ body: created }]), lambdaContext());

    expect(response.batchItemFailures).toEqual([]);
    expect(given).toEqual([
      { kind: 'category', category: { userId: 'user-7', categoryId: 'pets', archived: false, version: 1 } },
    ]);
  });

  it('reports an event older than the copy as ignored, not as a failure', async () => {
    const { handler, ignored } = fakeCopy();
    const archived = busEvent('CategoryArchived', {
      metadata: metadata('e-2'),
      data: { categoryId: 'pets', version: 2, category: snapshot(2, true) },
    });
    const created = busEvent('CategoryCreated', {
      metadata: metadata('e-1'),
      data: { category: snapshot(1, false) },
    });

    const response = await handler(sqsEvent([{ body: archived }, { body: created }]), lambdaContext());

    expect(response.batchItemFailures).toEqual([]);
    expect(ignored).toEqual(['e-1']);
  });

  it.each([
    ['a body that is not JSON', '{"detail": '],
    [
      'a catalog event the copy does not take',
      busEvent('BudgetSet', { metadata: metadata('e-3'), data: {} }),
    ],
    [
      'a category event breaking its schema',
      busEvent('CategoryCreated', { metadata: metadata('e-4'), data: {} }),
    ],
  ])('fails only the record with %s, so SQS moves it to the DLQ', async (_name, poison) => {
    const { handler, given } = fakeCopy();
    const created = busEvent('CategoryCreated', {
      metadata: metadata('e-1'),
      data: { category: snapshot(1, false) },
    });

    const response = await handler(
      sqsEvent([
        { body: poison, messageId: 'poison' },
        { body: created, messageId: 'good' },
      ]),
      lambdaContext(),
    );

    expect(response.batchItemFailures).toEqual([{ itemIdentifier: 'poison' }]);
    expect(given).toHaveLength(1);
  });
});
