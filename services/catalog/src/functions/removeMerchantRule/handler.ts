import { catalogStore } from '../../adapters/catalogStoreFromEnv';
import { removeMerchantRuleHandler } from './removeMerchantRule';

export const handler = removeMerchantRuleHandler({
  findMerchantRule: catalogStore.findMerchantRule,
  saveMerchantRule: catalogStore.saveMerchantRule,
  now: () => new Date(),
});
