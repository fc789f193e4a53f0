import { createEvent, MerchantRuleSet } from '@spendwise/contracts';
import { type HttpRequest, type HttpResult, httpHandler } from '@spendwise/lambda-kit/http';
import { assertUsable } from '../../domain/category';
import {
  merchantRuleSnapshot,
  normaliseMerchant,
  ruleIdOf,
  setMerchantRule as set,
} from '../../domain/merchantRule';
import type { SetMerchantRuleRequest } from '../../generated/http';
import { validateSetMerchantRuleRequest } from '../../generated/httpValidators';
import { eventContext } from '../../http/eventContext';
import { versionTag } from '../../http/preconditions';
import { presentMerchantRule } from '../../http/present';
import { withDomainErrors } from '../../http/problems';
import type { Clock, FindCategory, FindMerchantRule, SaveMerchantRule } from '../../ports';

export interface SetMerchantRuleDependencies {
  findCategory: FindCategory;
  findMerchantRule: FindMerchantRule;
  saveMerchantRule: SaveMerchantRule;
  now: Clock;
}

/** PUT /merchant-rules: files a merchant's expenses under a usable category (upsert by merchant); MerchantRuleSet. */
export function setMerchantRule(deps: SetMerchantRuleDependencies) {
  return withDomainErrors(async (request: HttpRequest<SetMerchantRuleRequest>): Promise<HttpResult> => {
    const { categoryId } = request.body;
    assertUsable(categoryId, await deps.findCategory(request.userId, categoryId));
    const ruleId = ruleIdOf(normaliseMerchant(request.body.merchant));
    const previous = await deps.findMerchantRule(request.userId, ruleId);

    const rule = set(previous, request.body, { userId: request.userId, now: deps.now() });
    const event = createEvent(MerchantRuleSet, { rule: merchantRuleSnapshot(rule) }, eventContext(request));
    await deps.saveMerchantRule(rule, previous?.version ?? 0, event);
    return {
      statusCode: previous && previous.categoryId !== null ? 200 : 201,
      body: presentMerchantRule(rule),
      headers: { etag: versionTag(rule), location: `/merchant-rules/${rule.ruleId}` },
    };
  });
}

export const setMerchantRuleHandler = (deps: SetMerchantRuleDependencies) =>
  httpHandler(setMerchantRule(deps), {
    body: validateSetMerchantRuleRequest,
    requiredScopes: ['spendwise/catalog.write'],
  });
