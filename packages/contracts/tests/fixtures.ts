import type { EventContext, ExpenseSnapshot } from '../src/index';

/** A valid expense snapshot; `overrides` replace whole fields. */
export function aSnapshot(overrides: Partial<ExpenseSnapshot> = {}): ExpenseSnapshot {
  return {
    expenseId: '2b9c8d7e-6f5a-4b3c-8d2e-1f0a9b8c7d6e',
    amount: { minorUnits: 450, currency: 'EUR' },
    date: '2025-03-14',
    categoryId: 'groceries',
    tags: [],
    version: 1,
    createdAt: '2025-03-14T09:26:53.589Z',
    updatedAt: '2025-03-14T09:26:53.589Z',
    ...overrides,
  };
}

export const aContext: EventContext = {
  userId: 'user-1',
  correlationId: 'req-1',
  causationId: 'req-1',
};

/** An EventBridge event as a rule delivers it, around `detail`. */
export function anEventBridgeEvent(detailType: string, detail: unknown, source = 'spendwise.expenses') {
  return {
    version: '0',
    id: '53dc4d37-cffa-4f76-80c9-8b7d4a4d2eaa',
    'detail-type': detailType,
    source,
    account: '123456789012',
    time: '2025-03-14T09:26:53Z',
    region: 'eu-west-1',
    resources: [],
    detail,
  };
}
