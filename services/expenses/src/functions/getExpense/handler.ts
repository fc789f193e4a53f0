import { expenseStore } from '../../adapters/expenseStoreFromEnv';
import { getExpenseHandler } from './getExpense';

export const handler = getExpenseHandler({ findExpense: expenseStore.findExpense });
