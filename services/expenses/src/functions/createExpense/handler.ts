import { randomUUID } from 'node:crypto';
import { expenseStore } from '../../adapters/expenseStoreFromEnv';
import { createExpenseHandler } from './createExpense';

export const handler = createExpenseHandler({
  saveNewExpense: expenseStore.saveNewExpense,
  now: () => new Date(),
  newId: randomUUID,
});
