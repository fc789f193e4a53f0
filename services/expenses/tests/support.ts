import { freshTable } from '@spendwise/test-kit';

/** A fresh expenses table on the DynamoDB Local of this test run, defined by the service's own resources file. */
export const freshExpensesTable = () =>
  freshTable(new URL('../resources/table.yml', import.meta.url), 'ExpensesTable');
