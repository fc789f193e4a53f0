import { randomUUID } from 'node:crypto';
import { testCalendar } from '@spendwise/test-kit';

/** When the catalog made its changes: an hour ago by the clock the tests run on. */
const changedAt = testCalendar().at(-60);

/**
 * Catalog events as the bus delivers them to the catalog-copy queue (an EventBridge event in the SQS body), with
 * full snapshots like the catalog publishes. Each call gets a fresh event id, as a new catalog change would.
 */
const metadata = (userId: string) => ({
  eventId: randomUUID(),
  eventVersion: 1,
  occurredAt: changedAt,
  correlationId: 'corr-catalog',
  causationId: 'req-catalog',
  userId,
});

const busEvent = (detailType: string, detail: unknown) => ({
  version: '0',
  id: randomUUID(),
  source: 'spendwise.catalog',
  'detail-type': detailType,
  account: '123456789012',
  time: changedAt.replace(/\.\d{3}Z$/, 'Z'),
  region: 'eu-west-1',
  resources: [],
  detail,
});

const category = (categoryId: string, version: number, archived: boolean) => ({
  categoryId,
  name: categoryId,
  archived,
  version,
  createdAt: changedAt,
  updatedAt: changedAt,
});

export const categoryCreated = (userId: string, categoryId: string) =>
  busEvent('CategoryCreated', {
    metadata: metadata(userId),
    data: { category: category(categoryId, 1, false) },
  });

export const categoryRenamed = (userId: string, categoryId: string, version: number, archived = false) =>
  busEvent('CategoryUpdated', {
    metadata: metadata(userId),
    data: {
      categoryId,
      version,
      changedFields: ['name'],
      previous: category(categoryId, version - 1, archived),
      current: category(categoryId, version, archived),
    },
  });

export const categoryArchived = (userId: string, categoryId: string, version: number) =>
  busEvent('CategoryArchived', {
    metadata: metadata(userId),
    data: { categoryId, version, category: category(categoryId, version, true) },
  });

export const merchantRuleSet = (
  userId: string,
  merchant: string,
  categoryId: string | null,
  version: number,
) =>
  busEvent('MerchantRuleSet', {
    metadata: metadata(userId),
    data: {
      rule: {
        ruleId: 'a'.repeat(32),
        merchant,
        categoryId,
        version,
        createdAt: changedAt,
        updatedAt: changedAt,
      },
    },
  });
