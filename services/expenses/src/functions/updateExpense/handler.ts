import { expenseStore } from '../../adapters/expenseStoreFromEnv';
import { updateExpenseHandler } from './updateExpense';

export const handler = updateExpenseHandler({
  findExpense: expenseStore.findExpense,
  saveExpenseChange: expenseStore.saveExpenseChange,
  now: () => new Date(),
});
