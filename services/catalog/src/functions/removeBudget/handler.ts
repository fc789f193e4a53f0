import { catalogStore } from '../../adapters/catalogStoreFromEnv';
import { removeBudgetHandler } from './removeBudget';

export const handler = removeBudgetHandler({
  findBudget: catalogStore.findBudget,
  saveBudget: catalogStore.saveBudget,
  now: () => new Date(),
});
