import { expenseStore } from '../../adapters/expenseStoreFromEnv';
import { deleteExpenseHandler } from './deleteExpense';

export const handler = deleteExpenseHandler({
  findExpense: expenseStore.findExpense,
  deleteExpense: expenseStore.deleteExpense,
});
