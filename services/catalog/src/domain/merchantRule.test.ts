import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { MerchantRuleNotFoundError } from './errors';
import { normaliseMerchant, removeMerchantRule, ruleIdOf, setMerchantRule } from './merchantRule';

const now = new Date('2026-11-05T10:00:00.000Z');
const later = new Date('2026-11-06T08:30:00.000Z');
const identity = { userId: 'user-1', now };

describe('normaliseMerchant', () => {
  it('trims, lower-cases and collapses inner whitespace', () => {
    expect(normaliseMerchant('  Corner\t  MARKET \n')).toBe('corner market');
  });

  it('is idempotent and gives the same rule id to every spelling of one merchant', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 50 }), (merchant) => {
        const once = normaliseMerchant(merchant);
        expect(normaliseMerchant(once)).toBe(once);
        expect(ruleIdOf(normaliseMerchant(` ${merchant.toUpperCase()} `))).toBe(
          ruleIdOf(normaliseMerchant(merchant.toUpperCase())),
        );
      }),
    );
  });
});

describe('setMerchantRule and removeMerchantRule', () => {
  it('creates version 1 keyed by the normalised merchant', () => {
    const rule = setMerchantRule(
      undefined,
      { merchant: ' Corner  Market', categoryId: 'groceries' },
      identity,
    );

    expect(rule).toMatchObject({ merchant: 'corner market', categoryId: 'groceries', version: 1 });
    expect(rule.ruleId).toBe(ruleIdOf('corner market'));
    expect(rule.ruleId).toMatch(/^[a-f0-9]{32}$/);
  });

  it('moves a merchant to another category in the next version', () => {
    const first = setMerchantRule(undefined, { merchant: 'Cafe', categoryId: 'dining' }, identity);

    const moved = setMerchantRule(
      first,
      { merchant: 'CAFE', categoryId: 'other' },
      { ...identity, now: later },
    );

    expect(moved).toMatchObject({ ruleId: first.ruleId, categoryId: 'other', version: 2 });
    expect(moved.createdAt).toBe(now.toISOString());
  });

  it('removes a rule by clearing its category, once', () => {
    const first = setMerchantRule(undefined, { merchant: 'Cafe', categoryId: 'dining' }, identity);

    const removed = removeMerchantRule(first, first.ruleId, later);

    expect(removed).toMatchObject({ categoryId: null, version: 2 });
    expect(() => removeMerchantRule(removed, first.ruleId, later)).toThrow(MerchantRuleNotFoundError);
    expect(() => removeMerchantRule(undefined, first.ruleId, later)).toThrow(MerchantRuleNotFoundError);
  });
});
