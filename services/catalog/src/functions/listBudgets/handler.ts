import { catalogStore } from '../../adapters/catalogStoreFromEnv';
import { listBudgetsHandler } from './listBudgets';

export const handler = listBudgetsHandler({ listBudgets: catalogStore.listBudgets });
