import { catalogStore } from '../../adapters/catalogStoreFromEnv';
import { listCategoriesHandler } from './listCategories';

export const handler = listCategoriesHandler({ listCategories: catalogStore.listCategories });
