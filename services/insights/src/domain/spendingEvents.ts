import {
  BudgetRemovedVersions,
  BudgetSetVersions,
  CategoryArchivedVersions,
  CategoryCreatedVersions,
  CategoryUpdatedVersions,
  type EventContext,
  ExpenseDeletedVersions,
  ExpenseRecordedVersions,
  ExpenseUpdatedVersions,
  type SubscribedEvent,
  subscribe,
} from '@spendwise/contracts';
import type { BudgetCopy } from './budgets';
import type { CategoryCopy } from './categoryCopy';
import { monthsOf } from './expenseChange';
import { deletedState, type ExpenseState, liveState } from './expenseState';
import { monthOfInstant } from './months';

/** The events the spending consumer's rule delivers, with their validators. */
export const SPENDING_EVENTS = subscribe(
  ExpenseRecordedVersions,
  ExpenseUpdatedVersions,
  ExpenseDeletedVersions,
  CategoryCreatedVersions,
  CategoryUpdatedVersions,
  CategoryArchivedVersions,
  BudgetSetVersions,
  BudgetRemovedVersions,
);

export type SpendingEvent = SubscribedEvent<typeof SPENDING_EVENTS>;

/** What a spending event asks of the read models. */
export type SpendingChange =
  | {
      kind: 'expense';
      state: ExpenseState;
      /** Months with activity: the expense's month before and after the change. */
      months: string[];
      /** A newly recorded expense (only those teach the statistics). */
      recorded: boolean;
    }
  | {
      kind: 'budget';
      budget: BudgetCopy;
      /** The month whose thresholds a newly set budget checks: the month (UTC) it was set in. */
      checkMonth?: string;
    }
  | { kind: 'category'; category: CategoryCopy };

/** The cause recorded in the metadata of events this change announces. */
export const causeOf = (event: SpendingEvent): EventContext => ({
  userId: event.detail.metadata.userId,
  correlationId: event.detail.metadata.correlationId,
  causationId: event.detail.metadata.eventId,
});

/** Translates an event into the change it asks for; the owner is always the event's userId. */
export function spendingChangeOf(event: SpendingEvent): SpendingChange {
  const { userId, occurredAt } = event.detail.metadata;
  switch (event.detailType) {
    case 'ExpenseRecorded': {
      const state = liveState(userId, event.detail.data.expense);
      return { kind: 'expense', state, months: monthsOf(state.contribution), recorded: true };
    }
    case 'ExpenseUpdated': {
      const { previous, current } = event.detail.data;
      const state = liveState(userId, current);
      const months = monthsOf(liveState(userId, previous).contribution, state.contribution);
      return { kind: 'expense', state, months, recorded: false };
    }
    case 'ExpenseDeleted': {
      const { expenseId, version, expense } = event.detail.data;
      const months = monthsOf(liveState(userId, expense).contribution);
      return { kind: 'expense', state: deletedState(userId, expenseId, version), months, recorded: false };
    }
    case 'CategoryCreated':
    case 'CategoryArchived':
    case 'CategoryUpdated': {
      const snapshot =
        event.detailType === 'CategoryUpdated' ? event.detail.data.current : event.detail.data.category;
      const { categoryId, name, archived, version } = snapshot;
      return { kind: 'category', category: { userId, categoryId, name, archived, version } };
    }
    case 'BudgetSet': {
      const { categoryId, amount, thresholds, version, createdAt } = event.detail.data.budget;
      const budget = { userId, categoryId, amount, thresholds, version, createdAt, removed: false };
      return { kind: 'budget', budget, checkMonth: monthOfInstant(occurredAt) };
    }
    case 'BudgetRemoved': {
      // The snapshot is the budget as it was; the removal has its own, newer version.
      const { categoryId, amount, thresholds, createdAt } = event.detail.data.budget;
      const budget = {
        userId,
        categoryId,
        amount,
        thresholds,
        createdAt,
        version: event.detail.data.version,
        removed: true,
      };
      return { kind: 'budget', budget };
    }
  }
}
