import { catalogCopyStore } from '../../adapters/catalogCopyStoreFromEnv';
import { expenseStore } from '../../adapters/expenseStoreFromEnv';
import { updateExpenseHandler } from './updateExpense';

export const handler = updateExpenseHandler({
  findExpense: expenseStore.findExpense,
  saveExpenseChange: expenseStore.saveExpenseChange,
  findOwnCategory: catalogCopyStore.findOwnCategory,
  now: () => new Date(),
});
