import { freshTable } from '@spendwise/test-kit';

/** A fresh catalog table on the DynamoDB Local of this test run, defined by the service's own resources file. */
export const freshCatalogTable = () =>
  freshTable(new URL('../resources/table.yml', import.meta.url), 'CatalogTable');
