import { catalogStore } from '../../adapters/catalogStoreFromEnv';
import { setBudgetHandler } from './setBudget';

export const handler = setBudgetHandler({
  findCategory: catalogStore.findCategory,
  findBudget: catalogStore.findBudget,
  saveBudget: catalogStore.saveBudget,
  now: () => new Date(),
});
