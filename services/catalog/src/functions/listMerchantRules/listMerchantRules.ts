import { cacheableRead, type HttpRequest, type HttpResult, httpHandler } from '@spendwise/lambda-kit/http';
import { presentMerchantRule } from '../../http/present';
import { withDomainErrors } from '../../http/problems';
import type { ListMerchantRules } from '../../ports';

export interface ListMerchantRulesDependencies {
  listMerchantRules: ListMerchantRules;
}

/** GET /merchant-rules: the caller's rules in force, with an ETag; 304 when If-None-Match still matches. */
export function listMerchantRules(deps: ListMerchantRulesDependencies) {
  return withDomainErrors(async (request: HttpRequest): Promise<HttpResult> => {
    const rules = await deps.listMerchantRules(request.userId);
    return cacheableRead({ items: rules.map(presentMerchantRule) }, request.headers['if-none-match']);
  });
}

export const listMerchantRulesHandler = (deps: ListMerchantRulesDependencies) =>
  httpHandler(listMerchantRules(deps), { requiredScopes: ['spendwise/catalog.read'] });
