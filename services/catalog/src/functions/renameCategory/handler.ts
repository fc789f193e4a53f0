import { catalogStore } from '../../adapters/catalogStoreFromEnv';
import { renameCategoryHandler } from './renameCategory';

export const handler = renameCategoryHandler({
  findCategory: catalogStore.findCategory,
  saveCategory: catalogStore.saveCategory,
  now: () => new Date(),
});
