import { randomUUID } from 'node:crypto';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { metrics } from '@spendwise/lambda-kit/observability';
import { catalogCopyStore } from '../../adapters/catalogCopyStoreFromEnv';
import { expenseStore } from '../../adapters/expenseStoreFromEnv';
import { createExpenseHandler } from './createExpense';

export const handler = createExpenseHandler({
  saveNewExpense: expenseStore.saveNewExpense,
  findReplay: expenseStore.findReplay,
  findOwnCategory: catalogCopyStore.findOwnCategory,
  findMerchantRule: catalogCopyStore.findMerchantRule,
  now: () => new Date(),
  newId: randomUUID,
  // Flushed as EMF by the HTTP stack's logMetrics; the business dashboard sums it per hour.
  onRecorded: () => metrics.addMetric('ExpensesRecorded', MetricUnit.Count, 1),
});
