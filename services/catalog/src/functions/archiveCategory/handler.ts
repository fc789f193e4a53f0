import { catalogStore } from '../../adapters/catalogStoreFromEnv';
import { archiveCategoryHandler } from './archiveCategory';

export const handler = archiveCategoryHandler({
  findCategory: catalogStore.findCategory,
  saveCategory: catalogStore.saveCategory,
  now: () => new Date(),
});
