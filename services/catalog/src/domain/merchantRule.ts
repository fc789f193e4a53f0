import { createHash } from 'node:crypto';
import { type MerchantRuleSnapshot, normaliseMerchant } from '@spendwise/contracts';
import { MerchantRuleNotFoundError } from './errors';

/** A merchant → category rule; a removed rule keeps its item with `categoryId: null` so versions keep growing. */
export type MerchantRule = MerchantRuleSnapshot & { userId: string };

/** The form rules match on, shared with the services that apply the rules. */
export { normaliseMerchant };

/** The id of the rule for a merchant: the same (normalised) merchant always has the same rule. */
export const ruleIdOf = (normalisedMerchant: string): string =>
  createHash('sha256').update(normalisedMerchant).digest('hex').slice(0, 32);

/** Files a merchant's expenses under a category, creating the rule or replacing its category. */
export function setMerchantRule(
  previous: MerchantRule | undefined,
  input: { merchant: string; categoryId: string },
  identity: { userId: string; now: Date },
): MerchantRule {
  const merchant = normaliseMerchant(input.merchant);
  const timestamp = identity.now.toISOString();
  return {
    userId: identity.userId,
    ruleId: ruleIdOf(merchant),
    merchant,
    categoryId: input.categoryId,
    version: (previous?.version ?? 0) + 1,
    createdAt: previous && previous.categoryId !== null ? previous.createdAt : timestamp,
    updatedAt: timestamp,
  };
}

/** Removes a rule: the next version, with no category. */
export function removeMerchantRule(rule: MerchantRule | undefined, ruleId: string, now: Date): MerchantRule {
  if (!rule || rule.categoryId === null) throw new MerchantRuleNotFoundError(ruleId);
  return { ...rule, categoryId: null, version: rule.version + 1, updatedAt: now.toISOString() };
}

/** The event-facing copy of a rule. */
export function merchantRuleSnapshot(rule: MerchantRule): MerchantRuleSnapshot {
  const { userId: _owner, ...snapshot } = rule;
  return snapshot;
}
