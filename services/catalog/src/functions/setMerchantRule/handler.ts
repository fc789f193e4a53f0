import { catalogStore } from '../../adapters/catalogStoreFromEnv';
import { setMerchantRuleHandler } from './setMerchantRule';

export const handler = setMerchantRuleHandler({
  findCategory: catalogStore.findCategory,
  findMerchantRule: catalogStore.findMerchantRule,
  saveMerchantRule: catalogStore.saveMerchantRule,
  now: () => new Date(),
});
