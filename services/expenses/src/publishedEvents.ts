import {
  ExpenseDeletedVersions,
  ExpenseRecordedVersions,
  ExpenseUpdatedVersions,
  ReceiptAttachedVersions,
  ReceiptRejectedVersions,
  ReceiptRemovedVersions,
  subscribe,
} from '@spendwise/contracts';

/**
 * The events the expenses service publishes, each in every schema version: what its outbox relay may put on the
 * bus, and the only validators the relay's bundle carries.
 */
export const EXPENSES_EVENTS = subscribe(
  ExpenseRecordedVersions,
  ExpenseUpdatedVersions,
  ExpenseDeletedVersions,
  ReceiptAttachedVersions,
  ReceiptRejectedVersions,
  ReceiptRemovedVersions,
);
