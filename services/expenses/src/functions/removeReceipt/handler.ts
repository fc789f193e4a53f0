import { expenseStore } from '../../adapters/expenseStoreFromEnv';
import { removeReceiptHandler } from './removeReceipt';

export const handler = removeReceiptHandler({
  findExpense: expenseStore.findExpense,
  saveExpenseChange: expenseStore.saveExpenseChange,
  now: () => new Date(),
});
