import { catalogStore } from '../../adapters/catalogStoreFromEnv';
import { listMerchantRulesHandler } from './listMerchantRules';

export const handler = listMerchantRulesHandler({ listMerchantRules: catalogStore.listMerchantRules });
