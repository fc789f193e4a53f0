import { expenseStore } from '../../adapters/expenseStoreFromEnv';
import { listExpensesHandler } from './listExpenses';

export const handler = listExpensesHandler({ listExpenses: expenseStore.listExpenses });
