import { describe, expect, it } from '@jest/globals';
import { InvalidFilterPolicyError } from './errors';
import { matchesFilterPolicy, validateFilterPolicy } from './filterPolicy';

describe('SNS filter policy differences from EventBridge', () => {
  it('does not match with wildcard, which SNS does not support', () => {
    const message = { attributes: { store: { DataType: 'String', StringValue: 'example_corp' } }, body: '' };

    const matched = matchesFilterPolicy({ store: [{ wildcard: 'example*' }] }, message, 'MessageAttributes');

    expect(matched).toBe(false);
  });

  it('rejects a wildcard policy', () => {
    expect(() => validateFilterPolicy({ store: [{ wildcard: 'example*' }] }, 'MessageAttributes')).toThrow(
      'Invalid parameter: FilterPolicy: Unrecognized match type wildcard',
    );
  });
});

describe('validateFilterPolicy', () => {
  it.each([
    {
      name: 'the documented accepting policy is valid',
      policy: {
        store: ['example_corp'],
        event: [{ 'anything-but': 'order_cancelled' }],
        customer_interests: ['rugby', 'football', 'baseball'],
        price_usd: [{ numeric: ['>=', 100] }],
      },
      scope: 'MessageAttributes' as const,
    },
    {
      name: 'an empty policy is valid (it clears filtering)',
      policy: {},
      scope: 'MessageAttributes' as const,
    },
    {
      name: 'a nested policy is valid for the body',
      policy: { a: { b: { c: ['x'] } } },
      scope: 'MessageBody' as const,
    },
    {
      name: 'the documented key_a/key_d policy (72 combinations) is valid for the body',
      policy: {
        key_a: { key_b: { key_c: ['value_one', 'value_two', 'value_three', 'value_four'] } },
        key_d: { key_e: ['value_one', 'value_two', 'value_three'] },
      },
      scope: 'MessageBody' as const,
    },
    {
      name: 'five keys are allowed',
      policy: { a: ['1'], b: ['1'], c: ['1'], d: ['1'], e: ['1'] },
      scope: 'MessageAttributes' as const,
    },
    {
      name: 'nested keys do not count in the body scope',
      policy: { a: { x: ['1'], y: ['1'], z: ['1'] }, b: ['1'], c: ['1'], d: ['1'], e: ['1'] },
      scope: 'MessageBody' as const,
    },
  ])('$name', ({ policy, scope }) => {
    expect(() => validateFilterPolicy(policy, scope)).not.toThrow();
  });

  it.each([
    {
      name: 'a policy that is an array is rejected',
      policy: ['x'],
      scope: 'MessageAttributes' as const,
      reason: 'Filter policy must be a JSON object',
    },
    {
      name: 'a nested policy is rejected for attributes',
      policy: { a: { b: ['x'] } },
      scope: 'MessageAttributes' as const,
      reason: 'Filter policy scope MessageAttributes does not support nested filter policy',
    },
    {
      name: 'six keys are rejected',
      policy: { a: ['1'], b: ['1'], c: ['1'], d: ['1'], e: ['1'], f: ['1'] },
      scope: 'MessageAttributes' as const,
      reason: 'Filter policy can not have more than 5 keys',
    },
    {
      name: 'more than 150 combinations are rejected',
      policy: {
        a: Array.from({ length: 11 }, (_, i) => `${i}`),
        b: Array.from({ length: 14 }, (_, i) => `${i}`),
      },
      scope: 'MessageAttributes' as const,
      reason: 'Filter policy is too complex',
    },
    {
      name: 'an empty array is rejected',
      policy: { a: [] },
      scope: 'MessageAttributes' as const,
      reason: 'Empty arrays are not allowed',
    },
    {
      name: 'a scalar value is rejected',
      policy: { a: 'x' },
      scope: 'MessageAttributes' as const,
      reason: '"a" must be an object or an array',
    },
    {
      name: 'an unknown operator is rejected',
      policy: { a: [{ contains: 'x' }] },
      scope: 'MessageAttributes' as const,
      reason: 'Unrecognized match type contains',
    },
    {
      name: 'anything-but equals-ignore-case is rejected (EventBridge only)',
      policy: { a: [{ 'anything-but': { 'equals-ignore-case': 'x' } }] },
      scope: 'MessageAttributes' as const,
      reason: 'Unsupported anything-but pattern: equals-ignore-case',
    },
    {
      name: 'prefix with equals-ignore-case is rejected (EventBridge only)',
      policy: { a: [{ prefix: { 'equals-ignore-case': 'x' } }] },
      scope: 'MessageAttributes' as const,
      reason: 'prefix match pattern must be a string',
    },
    {
      name: 'numeric beyond 1e9 is rejected',
      policy: { a: [{ numeric: ['>', 2e9] }] },
      scope: 'MessageAttributes' as const,
      reason: 'Value must be between -1000000000 and 1000000000, inclusive',
    },
    {
      name: 'numeric with a reversed range is rejected',
      policy: { a: [{ numeric: ['>', 5, '<', 1] }] },
      scope: 'MessageBody' as const,
      reason: 'Bottom must be less than top',
    },
    {
      name: 'exists with a string is rejected',
      policy: { a: [{ exists: 'yes' }] },
      scope: 'MessageBody' as const,
      reason: 'exists match pattern must be either true or false.',
    },
    {
      name: 'cidr without a mask is rejected',
      policy: { a: [{ cidr: '10.0.0.1' }] },
      scope: 'MessageAttributes' as const,
      reason: "Malformed CIDR, one '/' required",
    },
    {
      name: '$or with one branch is rejected',
      policy: { $or: [{ a: ['x'] }] },
      scope: 'MessageBody' as const,
      reason: 'There must have at least 2 Objects in $or relationship.',
    },
    {
      name: 'invalid JSON text is rejected',
      policy: '{',
      scope: 'MessageBody' as const,
      reason: 'Filter policy must be valid JSON',
    },
  ])('$name', ({ policy, scope, reason }) => {
    const attempt = () => validateFilterPolicy(policy, scope);

    expect(attempt).toThrow(InvalidFilterPolicyError);
    expect(attempt).toThrow(`Invalid parameter: FilterPolicy: ${reason}`);
  });
});
