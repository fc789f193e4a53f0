import { randomUUID } from 'node:crypto';
import {
  BudgetRemoved,
  BudgetSet,
  type BudgetSnapshot,
  CategoryCreated,
  CategoryUpdated,
  type CurrencyCode,
  createEvent,
  type EventEnvelope,
  ExpenseDeleted,
  ExpenseRecorded,
  type ExpenseSnapshot,
  ExpenseUpdated,
  parseEvent,
} from '@spendwise/contracts';
import { testCalendar } from '@spendwise/test-kit';
import { SPENDING_EVENTS } from '../src/domain/spendingEvents';

/**
 * Dates of the insights tests, from the clock the handlers use. The tests' spending happens in MONTH, last
 * month, whose days are all past on any day the suite runs; other months are counted back from this one.
 */
export const cal = testCalendar();
export const MONTH = cal.previousMonth;
/** `YYYY-MM-DD` of day `d` of MONTH. */
export const day = (d: number) => cal.dayOf(MONTH, d);

/** Builders of schema-valid spending events, as the expenses and catalog services publish them. */

const context = (userId: string) => ({
  userId,
  correlationId: `corr-${randomUUID()}`,
  causationId: 'req-test',
});

export interface ExpenseInput {
  expenseId?: string;
  minorUnits?: number;
  currency?: CurrencyCode;
  date?: string;
  categoryId?: string;
  merchant?: string;
  version?: number;
}

export function expense(input: ExpenseInput = {}): ExpenseSnapshot {
  return {
    expenseId: input.expenseId ?? randomUUID(),
    amount: { minorUnits: input.minorUnits ?? 1000, currency: input.currency ?? 'EUR' },
    date: input.date ?? day(5),
    categoryId: input.categoryId ?? 'groceries',
    ...(input.merchant === undefined ? {} : { merchant: input.merchant }),
    tags: [],
    version: input.version ?? 1,
    createdAt: `${day(5)}T10:00:00.000Z`,
    updatedAt: `${day(5)}T10:00:00.000Z`,
  };
}

/** The next version of an expense with some fields changed. */
export const changed = (previous: ExpenseSnapshot, changes: Omit<ExpenseInput, 'expenseId' | 'version'>) =>
  expense({
    expenseId: previous.expenseId,
    minorUnits: changes.minorUnits ?? previous.amount.minorUnits,
    currency: changes.currency ?? previous.amount.currency,
    date: changes.date ?? previous.date,
    categoryId: changes.categoryId ?? previous.categoryId,
    merchant: changes.merchant ?? previous.merchant,
    version: previous.version + 1,
  });

export const recorded = (userId: string, snapshot: ExpenseSnapshot) =>
  createEvent(ExpenseRecorded, { expense: snapshot }, context(userId));

export const updated = (userId: string, previous: ExpenseSnapshot, current: ExpenseSnapshot) =>
  createEvent(
    ExpenseUpdated,
    { expenseId: current.expenseId, version: current.version, changedFields: ['amount'], previous, current },
    context(userId),
  );

export const deleted = (userId: string, last: ExpenseSnapshot) =>
  createEvent(
    ExpenseDeleted,
    { expenseId: last.expenseId, version: last.version, expense: last },
    context(userId),
  );

export function budget(input: {
  categoryId?: string;
  minorUnits?: number;
  currency?: CurrencyCode;
  thresholds?: number[];
  version?: number;
  createdAt?: string;
}): BudgetSnapshot {
  return {
    categoryId: input.categoryId ?? 'groceries',
    amount: { minorUnits: input.minorUnits ?? 10000, currency: input.currency ?? 'EUR' },
    thresholds: input.thresholds ?? [80, 100],
    version: input.version ?? 1,
    createdAt: input.createdAt ?? `${day(1)}T08:00:00.000Z`,
    updatedAt: input.createdAt ?? `${day(1)}T08:00:00.000Z`,
  };
}

export const budgetSet = (
  userId: string,
  snapshot: BudgetSnapshot,
  occurredAt = new Date(`${day(20)}T12:00:00Z`),
) => createEvent(BudgetSet, { budget: snapshot }, context(userId), { occurredAt });

export const budgetRemoved = (userId: string, snapshot: BudgetSnapshot) =>
  createEvent(
    BudgetRemoved,
    { categoryId: snapshot.categoryId, version: snapshot.version + 1, budget: snapshot },
    context(userId),
  );

const categorySnapshot = (categoryId: string, name: string, version: number) => ({
  categoryId,
  name,
  archived: false,
  version,
  createdAt: `${day(1)}T08:00:00.000Z`,
  updatedAt: `${day(1)}T08:00:00.000Z`,
});

export const categoryCreated = (userId: string, categoryId: string, name: string) =>
  createEvent(CategoryCreated, { category: categorySnapshot(categoryId, name, 1) }, context(userId));

export const categoryRenamed = (
  userId: string,
  categoryId: string,
  from: string,
  to: string,
  version: number,
) =>
  createEvent(
    CategoryUpdated,
    {
      categoryId,
      version,
      changedFields: ['name'],
      previous: categorySnapshot(categoryId, from, version - 1),
      current: categorySnapshot(categoryId, to, version),
    },
    context(userId),
  );

/** The event as an EventBridge rule puts it on a queue. */
export const onTheBus = (event: EventEnvelope) => ({
  version: '0',
  id: randomUUID(),
  source: event.source,
  'detail-type': event.detailType,
  account: '123456789012',
  time: event.detail.metadata.occurredAt,
  region: 'eu-west-1',
  resources: [],
  detail: event.detail,
});

/** The event as the consumer's parse step hands it over. */
export const parsed = (event: EventEnvelope) => parseEvent(onTheBus(event), SPENDING_EVENTS);
