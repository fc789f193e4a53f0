import { describe, expect, it } from '@jest/globals';
import { type FilterPolicyMessage, matchesFilterPolicy } from './filterPolicy';

type Attributes = FilterPolicyMessage['attributes'];

const str = (value: string) => ({ DataType: 'String', StringValue: value });
const num = (value: string) => ({ DataType: 'Number', StringValue: value });
const arr = (value: string) => ({ DataType: 'String.Array', StringValue: value });

/** The message of the SNS "Example filter policies" page. */
const EXAMPLE: Attributes = {
  customer_interests: arr('["soccer", "rugby", "hockey"]'),
  store: str('example_corp'),
  event: str('order_placed'),
  price_usd: num('210.75'),
};

function byAttributes(policy: unknown, attributes: Attributes): boolean {
  return matchesFilterPolicy(policy, { attributes, body: 'not json' }, 'MessageAttributes');
}

function byBody(policy: unknown, body: unknown): boolean {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  return matchesFilterPolicy(policy, { attributes: {}, body: text }, 'MessageBody');
}

interface AttributeRow {
  name: string;
  policy: unknown;
  attributes: Attributes;
  matches: boolean;
}

describe('SNS filter policies on message attributes', () => {
  it.each<AttributeRow>([
    {
      name: 'the documented accepting policy matches the example message',
      policy: {
        store: ['example_corp'],
        event: [{ 'anything-but': 'order_cancelled' }],
        customer_interests: ['rugby', 'football', 'baseball'],
        price_usd: [{ numeric: ['>=', 100] }],
      },
      attributes: EXAMPLE,
      matches: true,
    },
    {
      name: 'the documented rejecting policy does not match (encrypted is absent)',
      policy: {
        store: ['example_corp'],
        event: ['order_cancelled'],
        encrypted: [false],
        customer_interests: ['basketball', 'baseball'],
      },
      attributes: EXAMPLE,
      matches: false,
    },
    {
      name: 'an attribute absent from the message fails its key',
      policy: { encrypted: [false] },
      attributes: EXAMPLE,
      matches: false,
    },
    {
      name: 'exact string matching is case-sensitive',
      policy: { store: ['Example_Corp'] },
      attributes: EXAMPLE,
      matches: false,
    },
    {
      name: 'rugby or tennis matches rugby',
      policy: { customer_interests: ['rugby', 'tennis'] },
      attributes: { customer_interests: str('rugby') },
      matches: true,
    },
    {
      name: 'rugby or tennis does not match baseball',
      policy: { customer_interests: ['rugby', 'tennis'] },
      attributes: { customer_interests: str('baseball') },
      matches: false,
    },
    {
      name: 'a String.Array matches when one element matches',
      policy: { customer_interests: ['rugby', 'tennis'] },
      attributes: { customer_interests: arr('["rugby", "tennis"]') },
      matches: true,
    },
    {
      name: 'a String.Array with no matching element does not match',
      policy: { customer_interests: ['rugby'] },
      attributes: { customer_interests: arr('["baseball"]') },
      matches: false,
    },
    {
      name: 'prefix bas matches basketball',
      policy: { customer_interests: [{ prefix: 'bas' }] },
      attributes: { customer_interests: str('basketball') },
      matches: true,
    },
    {
      name: 'prefix bas does not match rugby',
      policy: { customer_interests: [{ prefix: 'bas' }] },
      attributes: { customer_interests: str('rugby') },
      matches: false,
    },
    {
      name: 'suffix ball matches baseball',
      policy: { customer_interests: [{ suffix: 'ball' }] },
      attributes: { customer_interests: str('baseball') },
      matches: true,
    },
    {
      name: 'equals-ignore-case matches another casing',
      policy: { customer_interests: [{ 'equals-ignore-case': 'RUGBY' }] },
      attributes: { customer_interests: str('Rugby') },
      matches: true,
    },
    {
      name: 'anything-but rugby/tennis matches baseball',
      policy: { customer_interests: [{ 'anything-but': ['rugby', 'tennis'] }] },
      attributes: { customer_interests: str('baseball') },
      matches: true,
    },
    {
      name: 'anything-but rugby/tennis matches a String.Array holding baseball too',
      policy: { customer_interests: [{ 'anything-but': ['rugby', 'tennis'] }] },
      attributes: { customer_interests: arr('["rugby", "baseball"]') },
      matches: true,
    },
    {
      name: 'anything-but rugby/tennis does not match rugby',
      policy: { customer_interests: [{ 'anything-but': ['rugby', 'tennis'] }] },
      attributes: { customer_interests: str('rugby') },
      matches: false,
    },
    {
      name: 'anything-but on an absent attribute does not match',
      policy: { customer_interests: [{ 'anything-but': ['rugby'] }] },
      attributes: {},
      matches: false,
    },
    {
      name: 'anything-but prefix order- matches data-entry',
      policy: { event: [{ 'anything-but': { prefix: 'order-' } }] },
      attributes: { event: str('data-entry') },
      matches: true,
    },
    {
      name: 'anything-but prefix order- matches order_number',
      policy: { event: [{ 'anything-but': { prefix: 'order-' } }] },
      attributes: { event: str('order_number') },
      matches: true,
    },
    {
      name: 'anything-but prefix order- rejects order-cancelled',
      policy: { event: [{ 'anything-but': { prefix: 'order-' } }] },
      attributes: { event: str('order-cancelled') },
      matches: false,
    },
    {
      name: 'anything-but suffix rejects a matching suffix',
      policy: { event: [{ 'anything-but': { suffix: '-cancelled' } }] },
      attributes: { event: str('order-cancelled') },
      matches: false,
    },
    {
      name: 'numeric = 301.5 matches Number 3.015e2',
      policy: { price_usd: [{ numeric: ['=', 301.5] }] },
      attributes: { price_usd: num('3.015e2') },
      matches: true,
    },
    {
      name: 'numeric > 0, <= 150 matches 150',
      policy: { price_usd: [{ numeric: ['>', 0, '<=', 150] }] },
      attributes: { price_usd: num('150') },
      matches: true,
    },
    {
      name: 'numeric < 0 does not match 210.75',
      policy: { price_usd: [{ numeric: ['<', 0] }] },
      attributes: EXAMPLE,
      matches: false,
    },
    {
      name: 'numeric compares at five decimals (210.750001 = 210.75)',
      policy: { price_usd: [{ numeric: ['=', 210.750001] }] },
      attributes: EXAMPLE,
      matches: true,
    },
    {
      name: 'numeric does not match a String attribute holding digits',
      policy: { price_usd: [{ numeric: ['>', 0] }] },
      attributes: { price_usd: str('210.75') },
      matches: false,
    },
    {
      name: 'a bare number matches a Number attribute numerically',
      policy: { price_usd: [100] },
      attributes: { price_usd: num('100.0') },
      matches: true,
    },
    {
      name: 'anything-but 100/500 matches Number 100.1',
      policy: { price: [{ 'anything-but': [100, 500] }] },
      attributes: { price: num('100.1') },
      matches: true,
    },
    {
      name: 'anything-but 100/500 rejects Number 100',
      policy: { price: [{ 'anything-but': [100, 500] }] },
      attributes: { price: num('100') },
      matches: false,
    },
    {
      name: 'anything-but 100/500 matches Number.Array [100, 50]',
      policy: { price: [{ 'anything-but': [100, 500] }] },
      attributes: { price: { DataType: 'Number.Array', StringValue: '[100, 50]' } },
      matches: true,
    },
    {
      name: 'cidr 10.0.0.0/24 matches 10.0.0.255',
      policy: { source_ip: [{ cidr: '10.0.0.0/24' }] },
      attributes: { source_ip: str('10.0.0.255') },
      matches: true,
    },
    {
      name: 'cidr 10.0.0.0/24 does not match 10.1.1.0',
      policy: { source_ip: [{ cidr: '10.0.0.0/24' }] },
      attributes: { source_ip: str('10.1.1.0') },
      matches: false,
    },
    {
      name: 'exists true matches a present store',
      policy: { store: [{ exists: true }] },
      attributes: EXAMPLE,
      matches: true,
    },
    {
      name: 'exists false rejects a present store',
      policy: { store: [{ exists: false }] },
      attributes: EXAMPLE,
      matches: false,
    },
    {
      name: 'exists false matches a message without store',
      policy: { store: [{ exists: false }] },
      attributes: { customer_interests: arr('["soccer"]') },
      matches: true,
    },
    {
      name: 'Binary attributes are ignored (exists false matches)',
      policy: { blob: [{ exists: false }] },
      attributes: { blob: { DataType: 'Binary' } },
      matches: true,
    },
    {
      name: 'AND: rugby and price > 100 both hold',
      policy: { customer_interests: ['rugby'], price_usd: [{ numeric: ['>', 100] }] },
      attributes: EXAMPLE,
      matches: true,
    },
    {
      name: '$or across attributes matches through the second branch',
      policy: {
        store: ['example_corp'],
        $or: [{ event: ['order_cancelled'] }, { price_usd: [{ numeric: ['>', 200] }] }],
      },
      attributes: EXAMPLE,
      matches: true,
    },
    {
      name: '$or fails when no branch matches',
      policy: { $or: [{ event: ['order_cancelled'] }, { store: ['other'] }] },
      attributes: EXAMPLE,
      matches: false,
    },
    { name: 'an empty policy accepts every message', policy: {}, attributes: EXAMPLE, matches: true },
    {
      name: 'a policy given as JSON text is parsed',
      policy: '{"store":["example_corp"]}',
      attributes: EXAMPLE,
      matches: true,
    },
    {
      name: 'the body is not consulted in the attributes scope',
      policy: { store: ['example_corp'] },
      attributes: {},
      matches: false,
    },
  ])('$name', ({ policy, attributes, matches }) => {
    expect(byAttributes(policy, attributes)).toBe(matches);
  });
});

describe('SNS filter policies on the message body', () => {
  it.each([
    {
      name: 'rugby matches a body property rugby',
      policy: { customer_interests: ['rugby', 'tennis'] },
      body: { customer_interests: 'rugby' },
      matches: true,
    },
    {
      name: 'rugby does not match a body property baseball',
      policy: { customer_interests: ['rugby', 'tennis'] },
      body: { customer_interests: 'baseball' },
      matches: false,
    },
    {
      name: 'numeric = 301.5 matches 3.015e2 in the body',
      policy: { price_usd: [{ numeric: ['=', 301.5] }] },
      body: '{"price_usd": 3.015e2}',
      matches: true,
    },
    {
      name: 'anything-but 100/500 matches the body array [100, 50]',
      policy: { price: [{ 'anything-but': [100, 500] }] },
      body: { price: [100, 50] },
      matches: true,
    },
    {
      name: 'anything-but 100/500 rejects the body 100',
      policy: { price: [{ 'anything-but': [100, 500] }] },
      body: { price: 100 },
      matches: false,
    },
    {
      name: 'exists true matches a body with store',
      policy: { store: [{ exists: true }] },
      body: { store: 'fans', customer_interests: ['baseball'] },
      matches: true,
    },
    {
      name: 'exists false matches a body without store',
      policy: { store: [{ exists: false }] },
      body: { customer_interests: ['baseball'] },
      matches: true,
    },
    {
      name: 'nested properties are matched by nested policies',
      policy: { order: { total: [{ numeric: ['>', 10] }], currency: ['EUR'] } },
      body: { order: { total: 42, currency: 'EUR' } },
      matches: true,
    },
    {
      name: 'a nested property absent from the body fails',
      policy: { order: { coupon: ['X'] } },
      body: { order: { total: 42 } },
      matches: false,
    },
    {
      name: 'a body that is not JSON never matches',
      policy: { store: [{ exists: false }] },
      body: 'hello',
      matches: false,
    },
    {
      name: 'a body that is a JSON array never matches',
      policy: { store: [{ exists: false }] },
      body: '[1]',
      matches: false,
    },
    {
      name: 'attributes are not consulted in the body scope',
      policy: { store: ['example_corp'] },
      body: { other: 1 },
      matches: false,
    },
  ])('$name', ({ policy, body, matches }) => {
    expect(byBody(policy, body)).toBe(matches);
  });
});
