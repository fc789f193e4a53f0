import { catalogStore } from '../../adapters/catalogStoreFromEnv';
import { createCategoryHandler } from './createCategory';

export const handler = createCategoryHandler({
  saveCategory: catalogStore.saveCategory,
  now: () => new Date(),
});
