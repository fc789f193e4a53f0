// Generated from events/**/*.schema.json by scripts/gen-contracts.ts. Do not edit: change the schemas and run `pnpm gen`.
import type { ExpenseDeletedV1, ExpenseRecordedV1, ExpenseUpdatedV1 } from './types';
import { validateExpenseDeletedV1, validateExpenseRecordedV1, validateExpenseUpdatedV1 } from './validators';

/** Every event of the catalogue by detail-type: its source, latest version and a validator per version. */
export const eventRegistry = {
  ExpenseDeleted: {
    source: 'spendwise.expenses',
    latest: 1,
    versions: {
      1: { source: 'spendwise.expenses', detailType: 'ExpenseDeleted', version: 1, validate: validateExpenseDeletedV1 },
    },
  },
  ExpenseRecorded: {
    source: 'spendwise.expenses',
    latest: 1,
    versions: {
      1: { source: 'spendwise.expenses', detailType: 'ExpenseRecorded', version: 1, validate: validateExpenseRecordedV1 },
    },
  },
  ExpenseUpdated: {
    source: 'spendwise.expenses',
    latest: 1,
    versions: {
      1: { source: 'spendwise.expenses', detailType: 'ExpenseUpdated', version: 1, validate: validateExpenseUpdatedV1 },
    },
  },
} as const;

/** The detail of each detail-type and version: `EventDetails["ExpenseRecorded"][1]`. */
export interface EventDetails {
  ExpenseDeleted: { 1: ExpenseDeletedV1 };
  ExpenseRecorded: { 1: ExpenseRecordedV1 };
  ExpenseUpdated: { 1: ExpenseUpdatedV1 };
}
