import { describe, expect, it } from '@jest/globals';
import { InvalidEventPatternError } from './errors';
import { validateEventPattern } from './eventPattern';

describe('validateEventPattern', () => {
  it.each([
    {
      name: 'a documented pattern with every operator is accepted',
      pattern: {
        time: [{ prefix: '2017-10-02' }],
        detail: {
          state: [{ 'anything-but': 'initializing' }],
          'c-count': [{ numeric: ['>', 0, '<=', 5] }],
          'd-count': [{ numeric: ['<', 10] }],
          'x-limit': [{ 'anything-but': [100, 200, 300] }],
          'source-ip': [{ cidr: '10.0.0.0/8' }],
          FileName: [{ suffix: { 'equals-ignore-case': '.png' } }],
          service: [{ prefix: { 'equals-ignore-case': 'EventB' } }],
          FilePath: [{ 'anything-but': { wildcard: ['*/lib/*', '*/bin/*'] } }],
          key: [{ wildcard: 'dir/*.png' }],
          gone: [{ exists: false }],
          name: [{ 'equals-ignore-case': 'alice' }, null, true, 1, ''],
          $or: [{ a: ['x'] }, { b: ['y'] }],
        },
      },
    },
    { name: 'a pattern given as JSON text is accepted', pattern: '{"source":["aws.ec2"]}' },
    { name: 'an IPv6 CIDR is accepted', pattern: { ip: [{ cidr: '2001:db8::/32' }] } },
  ])('$name', ({ pattern }) => {
    expect(() => validateEventPattern(pattern)).not.toThrow();
  });

  it.each([
    {
      name: 'a pattern that is an array is rejected',
      pattern: ['aws.ec2'],
      reason: 'Filter is not an object',
    },
    { name: 'a pattern that is null is rejected', pattern: null, reason: 'Filter is not an object' },
    {
      name: 'a pattern that is invalid JSON text is rejected',
      pattern: '{',
      reason: 'Filter is not valid JSON',
    },
    { name: 'an empty pattern is rejected', pattern: {}, reason: 'Empty objects are not allowed' },
    {
      name: 'an empty nested object is rejected',
      pattern: { detail: {} },
      reason: 'Empty objects are not allowed',
    },
    {
      name: 'a leaf that is not an array is rejected',
      pattern: { source: 'aws.ec2' },
      reason: '"source" must be an object or an array',
    },
    {
      name: 'a numeric leaf that is not an array is rejected',
      pattern: { detail: { n: 5 } },
      reason: '"n" must be an object or an array',
    },
    { name: 'an empty array is rejected', pattern: { source: [] }, reason: 'Empty arrays are not allowed' },
    {
      name: 'an array inside a leaf array is rejected',
      pattern: { source: [['a']] },
      reason: 'Match value must be String, number, true, false, or null',
    },
    {
      name: 'an unknown operator is rejected',
      pattern: { source: [{ contains: 'ec2' }] },
      reason: 'Unrecognized match type contains',
    },
    {
      name: 'an empty match expression is rejected',
      pattern: { source: [{}] },
      reason: 'Match expression name not found',
    },
    {
      name: 'two operators in one expression are rejected',
      pattern: { source: [{ prefix: 'a', suffix: 'b' }] },
      reason: 'Only one key allowed in match expression',
    },
    {
      name: 'prefix with a number is rejected',
      pattern: { source: [{ prefix: 5 }] },
      reason: 'prefix match pattern must be a string',
    },
    {
      name: 'suffix with a list is rejected',
      pattern: { source: [{ suffix: ['a'] }] },
      reason: 'suffix match pattern must be a string',
    },
    {
      name: 'prefix with an unknown nested operator is rejected',
      pattern: { source: [{ prefix: { wildcard: 'a' } }] },
      reason: 'Unsupported prefix pattern: wildcard',
    },
    {
      name: 'equals-ignore-case with a number is rejected',
      pattern: { source: [{ 'equals-ignore-case': 1 }] },
      reason: 'equals-ignore-case match pattern must be a string',
    },
    {
      name: 'a wildcard with ** is rejected',
      pattern: { key: [{ wildcard: 'a**b' }] },
      reason: 'Consecutive wildcard characters at pos 1',
    },
    {
      name: 'a wildcard escaping a letter is rejected',
      pattern: { key: [{ wildcard: 'a\\b' }] },
      reason: 'Invalid escape character at pos 1',
    },
    {
      name: 'a wildcard with a number is rejected',
      pattern: { key: [{ wildcard: 1 }] },
      reason: 'wildcard match pattern must be a string',
    },
    {
      name: 'anything-but mixing strings and numbers is rejected',
      pattern: { s: [{ 'anything-but': ['a', 1] }] },
      reason: 'Inside anything but list, either all values are number or string, mixed type is not supported',
    },
    {
      name: 'anything-but with an empty list is rejected',
      pattern: { s: [{ 'anything-but': [] }] },
      reason: 'Inside anything but list, either all values are number or string, mixed type is not supported',
    },
    {
      name: 'anything-but with a boolean is rejected',
      pattern: { s: [{ 'anything-but': true }] },
      reason: 'Value of anything-but must be an array or single string/number value.',
    },
    {
      name: 'anything-but with an unknown nested operator is rejected',
      pattern: { s: [{ 'anything-but': { numeric: ['>', 1] } }] },
      reason: 'Unsupported anything-but pattern: numeric',
    },
    {
      name: 'anything-but with an empty prefix is rejected',
      pattern: { s: [{ 'anything-but': { prefix: '' } }] },
      reason: 'Null prefix/suffix not allowed',
    },
    {
      name: 'anything-but prefix with a number is rejected',
      pattern: { s: [{ 'anything-but': { prefix: 1 } }] },
      reason: 'prefix match pattern must be a string',
    },
    {
      name: 'anything-but wildcard with ** is rejected',
      pattern: { s: [{ 'anything-but': { wildcard: '**' } }] },
      reason: 'Consecutive wildcard characters at pos 0',
    },
    {
      name: 'numeric that is not an array is rejected',
      pattern: { n: [{ numeric: 5 }] },
      reason: 'Value of numeric must be an array.',
    },
    {
      name: 'numeric with no members is rejected',
      pattern: { n: [{ numeric: [] }] },
      reason: 'Invalid member in numeric match: ]',
    },
    {
      name: 'numeric with an unknown operator is rejected',
      pattern: { n: [{ numeric: ['!=', 5] }] },
      reason: 'Unrecognized numeric range operator: !=',
    },
    {
      name: 'numeric with a string operand is rejected',
      pattern: { n: [{ numeric: ['>', '5'] }] },
      reason: 'Value of > must be numeric',
    },
    {
      name: 'numeric = with a missing operand is rejected',
      pattern: { n: [{ numeric: ['='] }] },
      reason: 'Value of equals must be numeric',
    },
    {
      name: 'numeric opening a range with < is rejected',
      pattern: { n: [{ numeric: ['<', 5, '>', 1] }] },
      reason: 'Too many elements in numeric expression',
    },
    {
      name: 'numeric closing a range with > is rejected',
      pattern: { n: [{ numeric: ['>', 1, '>', 5] }] },
      reason: 'Bad numeric range operator: >',
    },
    {
      name: 'numeric with a reversed range is rejected',
      pattern: { n: [{ numeric: ['>', 5, '<', 1] }] },
      reason: 'Bottom must be less than top',
    },
    {
      name: 'numeric with an empty range is rejected',
      pattern: { n: [{ numeric: ['>=', 5, '<=', 5] }] },
      reason: 'Bottom must be less than top',
    },
    {
      name: 'numeric with too many terms is rejected',
      pattern: { n: [{ numeric: ['>', 1, '<', 5, '<', 6] }] },
      reason: 'Too many terms in numeric range expression',
    },
    {
      name: 'numeric beyond 5.0e9 is rejected',
      pattern: { n: [{ numeric: ['>', 6e9] }] },
      reason: 'Value must be between -5000000000 and 5000000000, inclusive',
    },
    {
      name: 'exists with a string is rejected',
      pattern: { n: [{ exists: 'true' }] },
      reason: 'exists match pattern must be either true or false.',
    },
    {
      name: 'cidr without a mask is rejected',
      pattern: { ip: [{ cidr: '10.0.0.0' }] },
      reason: "Malformed CIDR, one '/' required",
    },
    {
      name: 'cidr with a bad mask is rejected',
      pattern: { ip: [{ cidr: '10.0.0.0/x' }] },
      reason: 'Malformed CIDR, mask bits must be an integer',
    },
    {
      name: 'cidr with a bad address is rejected',
      pattern: { ip: [{ cidr: '10.0.0.256/8' }] },
      reason: 'Nonstandard IP address: 10.0.0.256',
    },
    {
      name: 'cidr with a mask beyond 32 is rejected',
      pattern: { ip: [{ cidr: '10.0.0.0/33' }] },
      reason: 'Malformed CIDR, mask bits must not be greater than 32',
    },
    {
      name: '$or that is not an array is rejected',
      pattern: { $or: { a: ['x'] } },
      reason: 'It must be an Array followed with $or.',
    },
    {
      name: '$or with one object is rejected',
      pattern: { $or: [{ a: ['x'] }] },
      reason: 'There must have at least 2 Objects in $or relationship.',
    },
    {
      name: '$or with a non-object is rejected',
      pattern: { $or: [{ a: ['x'] }, ['b']] },
      reason: 'Only JSON object is allowed in array of $or relationship.',
    },
    {
      name: 'an operator name as a field inside $or is rejected',
      pattern: { $or: [{ numeric: [123] }, { prefix: ['abc'] }] },
      reason: 'numeric is Ruler reserved fieldName which cannot be used inside $or.',
    },
    {
      name: 'a pattern longer than 4096 characters is rejected',
      pattern: { source: ['x'.repeat(4100)] },
      reason: 'Event pattern is longer than 4096 characters',
    },
  ])('$name', ({ pattern, reason }) => {
    const attempt = () => validateEventPattern(pattern);

    expect(attempt).toThrow(InvalidEventPatternError);
    expect(attempt).toThrow(`Event pattern is not valid. Reason: ${reason}`);
  });
});
