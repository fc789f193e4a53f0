import { createEvent, MerchantRuleSet } from '@spendwise/contracts';
import { type HttpRequest, type HttpResult, httpHandler } from '@spendwise/lambda-kit/http';
import { merchantRuleSnapshot, removeMerchantRule as remove } from '../../domain/merchantRule';
import type { MerchantRuleIdPath } from '../../generated/http';
import { validateMerchantRuleIdPath } from '../../generated/httpValidators';
import { eventContext } from '../../http/eventContext';
import { assertCurrentVersion, expectedVersion } from '../../http/preconditions';
import { withDomainErrors } from '../../http/problems';
import type { Clock, FindMerchantRule, SaveMerchantRule } from '../../ports';

export interface RemoveMerchantRuleDependencies {
  findMerchantRule: FindMerchantRule;
  saveMerchantRule: SaveMerchantRule;
  now: Clock;
}

/** DELETE /merchant-rules/{id} (optional If-Match): removes the rule; publishes MerchantRuleSet with categoryId null. */
export function removeMerchantRule(deps: RemoveMerchantRuleDependencies) {
  return withDomainErrors(
    async (request: HttpRequest<unknown, unknown, MerchantRuleIdPath>): Promise<HttpResult> => {
      const expected = expectedVersion(request.headers['if-match']);
      const current = await deps.findMerchantRule(request.userId, request.path.id);
      const removed = remove(current, request.path.id, deps.now());
      assertCurrentVersion(expected, removed.version - 1);

      const event = createEvent(
        MerchantRuleSet,
        { rule: merchantRuleSnapshot(removed) },
        eventContext(request),
      );
      await deps.saveMerchantRule(removed, removed.version - 1, event);
      return { statusCode: 204 };
    },
  );
}

export const removeMerchantRuleHandler = (deps: RemoveMerchantRuleDependencies) =>
  httpHandler(removeMerchantRule(deps), {
    path: validateMerchantRuleIdPath,
    requiredScopes: ['spendwise/catalog.write'],
  });
