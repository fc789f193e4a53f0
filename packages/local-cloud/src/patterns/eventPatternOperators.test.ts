import { describe } from '@jest/globals';
import { table, withDetail } from './eventPatternFixtures';

// anything-but, numeric, cidr, exists and $or, case by case against AWS's documented examples.
describe('anything-but matching', () => {
  table([
    {
      name: 'state anything-but initializing matches running',
      pattern: { detail: { state: [{ 'anything-but': 'initializing' }] } },
      matches: true,
    },
    {
      name: 'state anything-but running does not match running',
      pattern: { detail: { state: [{ 'anything-but': 'running' }] } },
      matches: false,
    },
    {
      name: 'x-limit anything-but 123 matches 301.8',
      pattern: { detail: { 'x-limit': [{ 'anything-but': 123 }] } },
      matches: true,
    },
    {
      name: 'x-limit anything-but 301.8 does not match 301.8',
      pattern: { detail: { 'x-limit': [{ 'anything-but': 301.8 }] } },
      matches: false,
    },
    {
      name: 'anything-but a list of strings matches a value outside it',
      pattern: { detail: { state: [{ 'anything-but': ['stopped', 'overloaded'] }] } },
      matches: true,
    },
    {
      name: 'anything-but a list of strings rejects a value inside it',
      pattern: { detail: { state: [{ 'anything-but': ['stopped', 'running'] }] } },
      matches: false,
    },
    {
      name: 'anything-but a list of numbers matches 301.8',
      pattern: { detail: { 'x-limit': [{ 'anything-but': [100, 200, 300] }] } },
      matches: true,
    },
    {
      name: 'anything-but a list of numbers compares numerically',
      pattern: { detail: { 'c-count': [{ 'anything-but': [5.0, 6] }] } },
      matches: false,
    },
    {
      name: 'anything-but prefix init matches running',
      pattern: { detail: { state: [{ 'anything-but': { prefix: 'init' } }] } },
      matches: true,
    },
    {
      name: 'anything-but prefix init rejects initializing',
      pattern: { detail: { state: [{ 'anything-but': { prefix: 'init' } }] } },
      event: withDetail({ state: 'initializing' }),
      matches: false,
    },
    {
      name: 'anything-but prefix aws. rejects AWS events (own events only)',
      pattern: { source: [{ 'anything-but': { prefix: 'aws.' } }] },
      matches: false,
    },
    {
      name: 'anything-but suffix .png matches file.txt',
      pattern: { FileName: [{ 'anything-but': { suffix: '.png' } }] },
      event: { FileName: 'file.txt' },
      matches: true,
    },
    {
      name: 'anything-but suffix .png rejects file.png',
      pattern: { FileName: [{ 'anything-but': { suffix: '.png' } }] },
      event: { FileName: 'file.png' },
      matches: false,
    },
    {
      name: 'anything-but equals-ignore-case rejects INITIALIZING',
      pattern: { state: [{ 'anything-but': { 'equals-ignore-case': 'initializing' } }] },
      event: { state: 'INITIALIZING' },
      matches: false,
    },
    {
      name: 'anything-but equals-ignore-case with a list rejects any casing of a member',
      pattern: { state: [{ 'anything-but': { 'equals-ignore-case': ['stopped', 'overloaded'] } }] },
      event: { state: 'Overloaded' },
      matches: false,
    },
    {
      name: 'anything-but equals-ignore-case matches other values',
      pattern: { state: [{ 'anything-but': { 'equals-ignore-case': 'initializing' } }] },
      event: { state: 'running' },
      matches: true,
    },
    {
      name: 'anything-but wildcard */lib/* rejects a path through lib',
      pattern: { FilePath: [{ 'anything-but': { wildcard: '*/lib/*' } }] },
      event: { FilePath: '/usr/lib/x.so' },
      matches: false,
    },
    {
      name: 'anything-but wildcard */lib/* matches another path',
      pattern: { FilePath: [{ 'anything-but': { wildcard: '*/lib/*' } }] },
      event: { FilePath: '/usr/bin/x' },
      matches: true,
    },
    {
      name: 'anything-but on an array matches when some element is outside the list',
      pattern: { tags: [{ 'anything-but': ['rugby', 'tennis'] }] },
      event: { tags: ['rugby', 'baseball'] },
      matches: true,
    },
    {
      name: 'anything-but on an array fails when every element is in the list',
      pattern: { tags: [{ 'anything-but': ['rugby', 'tennis'] }] },
      event: { tags: ['rugby', 'tennis'] },
      matches: false,
    },
  ]);
});

describe('numeric matching', () => {
  table([
    {
      name: 'the documented c-count, d-count and x-limit pattern matches',
      pattern: {
        detail: {
          'c-count': [{ numeric: ['>', 0, '<=', 5] }],
          'd-count': [{ numeric: ['<', 10] }],
          'x-limit': [{ numeric: ['=', 3.018e2] }],
        },
      },
      matches: true,
    },
    {
      name: '> 0, <= 5 includes the top 5',
      pattern: { detail: { 'c-count': [{ numeric: ['>', 0, '<=', 5] }] } },
      matches: true,
    },
    {
      name: '> 0, < 5 excludes the top 5',
      pattern: { detail: { 'c-count': [{ numeric: ['>', 0, '<', 5] }] } },
      matches: false,
    },
    { name: '>= 5 includes 5', pattern: { detail: { 'c-count': [{ numeric: ['>=', 5] }] } }, matches: true },
    { name: '> 5 excludes 5', pattern: { detail: { 'c-count': [{ numeric: ['>', 5] }] } }, matches: false },
    { name: '<= 3 includes 3', pattern: { detail: { 'd-count': [{ numeric: ['<=', 3] }] } }, matches: true },
    { name: '< 3 excludes 3', pattern: { detail: { 'd-count': [{ numeric: ['<', 3] }] } }, matches: false },
    {
      name: '= 301.8 matches 301.8',
      pattern: { detail: { 'x-limit': [{ numeric: ['=', 301.8] }] } },
      matches: true,
    },
    {
      name: '= 301.80000001 matches 301.8 at six decimals',
      pattern: { detail: { 'x-limit': [{ numeric: ['=', 301.80000001] }] } },
      matches: true,
    },
    {
      name: '= 301.800001 does not match 301.8',
      pattern: { detail: { 'x-limit': [{ numeric: ['=', 301.800001] }] } },
      matches: false,
    },
    {
      name: 'negative ranges work',
      pattern: { v: [{ numeric: ['>=', -10, '<', -1] }] },
      event: { v: -5 },
      matches: true,
    },
    {
      name: 'a numeric string never matches numeric',
      pattern: { v: [{ numeric: ['>', 0] }] },
      event: { v: '5' },
      matches: false,
    },
    {
      name: 'a boolean never matches numeric',
      pattern: { v: [{ numeric: ['>', 0] }] },
      event: { v: true },
      matches: false,
    },
    {
      name: 'a number beyond 5.0e9 never matches numeric',
      pattern: { v: [{ numeric: ['>', 0] }] },
      event: { v: 6e9 },
      matches: false,
    },
    {
      name: 'numeric matches any element of an array',
      pattern: { v: [{ numeric: ['>', 10] }] },
      event: { v: [1, 2, 30] },
      matches: true,
    },
  ]);
});

describe('IP address matching', () => {
  table([
    {
      name: '10.0.0.33 is in 10.0.0.0/24',
      pattern: { detail: { 'source-ip': [{ cidr: '10.0.0.0/24' }] } },
      matches: true,
    },
    {
      name: '10.0.0.33 is in 10.0.0.0/8 (complex example)',
      pattern: { detail: { 'source-ip': [{ cidr: '10.0.0.0/8' }] } },
      matches: true,
    },
    {
      name: '10.0.0.33 is not in 10.0.1.0/24',
      pattern: { detail: { 'source-ip': [{ cidr: '10.0.1.0/24' }] } },
      matches: false,
    },
    {
      name: '10.0.0.33 is in 10.0.0.32/31',
      pattern: { detail: { 'source-ip': [{ cidr: '10.0.0.32/31' }] } },
      matches: true,
    },
    {
      name: '10.0.0.33 is in 0.0.0.0/0',
      pattern: { detail: { 'source-ip': [{ cidr: '0.0.0.0/0' }] } },
      matches: true,
    },
    {
      name: 'an IPv6 address is in its /64',
      pattern: { ip: [{ cidr: '2001:db8::/64' }] },
      event: { ip: '2001:db8::1' },
      matches: true,
    },
    {
      name: 'an IPv6 address outside the /64 does not match',
      pattern: { ip: [{ cidr: '2001:db8::/64' }] },
      event: { ip: '2001:db8:0:1::1' },
      matches: false,
    },
    {
      name: 'an IPv4 address never matches an IPv6 network',
      pattern: { ip: [{ cidr: '::/0' }] },
      event: { ip: '10.0.0.1' },
      matches: false,
    },
    {
      name: 'a non-address string never matches cidr',
      pattern: { ip: [{ cidr: '10.0.0.0/8' }] },
      event: { ip: 'ten' },
      matches: false,
    },
  ]);
});

describe('exists matching', () => {
  const NO_C_COUNT = {
    'detail-type': ['EC2 Instance State-change Notification'],
    resources: ['arn:aws:ec2:us-east-1:123456789012:instance/i-02ebd4584a2ebd341'],
    detail: { state: ['initializing', 'running'] },
  };
  const OBJECT_C_COUNT = { ...NO_C_COUNT, detail: { ...NO_C_COUNT.detail, 'c-count': { c1: 100 } } };
  table([
    {
      name: 'exists true matches a present c-count',
      pattern: { detail: { 'c-count': [{ exists: true }] } },
      matches: true,
    },
    {
      name: 'exists false does not match a present c-count',
      pattern: { detail: { 'c-count': [{ exists: false }] } },
      matches: false,
    },
    {
      name: 'exists false matches the documented event without c-count',
      pattern: { detail: { 'c-count': [{ exists: false }] } },
      event: NO_C_COUNT,
      matches: true,
    },
    {
      name: 'exists false matches c-count that is an object (not a leaf)',
      pattern: { detail: { 'c-count': [{ exists: false }] } },
      event: OBJECT_C_COUNT,
      matches: true,
    },
    {
      name: 'exists true does not match c-count that is an object',
      pattern: { detail: { 'c-count': [{ exists: true }] } },
      event: OBJECT_C_COUNT,
      matches: false,
    },
    {
      name: 'exists false matches when the parent object is absent',
      pattern: { detail: { 'c-count': [{ exists: false }] } },
      event: { source: 'x' },
      matches: true,
    },
    {
      name: 'exists true matches a null value',
      pattern: { v: [{ exists: true }] },
      event: { v: null },
      matches: true,
    },
    {
      name: 'exists true does not match an empty array',
      pattern: { v: [{ exists: true }] },
      event: { v: [] },
      matches: false,
    },
    {
      name: 'exists false matches an empty array',
      pattern: { v: [{ exists: false }] },
      event: { v: [] },
      matches: true,
    },
    {
      name: 'exists true matches a non-empty array',
      pattern: { v: [{ exists: true }] },
      event: { v: ['a'] },
      matches: true,
    },
    {
      name: 'exists false alongside another alternative matches either way',
      pattern: { v: ['x', { exists: false }] },
      event: { w: 1 },
      matches: true,
    },
  ]);
});

describe('$or matching', () => {
  const CW = {
    source: 'aws.cloudwatch',
    metricName: 'Other',
    namespace: 'AWS/EC2',
    detail: { 'detail-type': 'CloudWatch Alarm State Change' },
  };
  table([
    {
      name: 'source && (metricName || namespace) matches through namespace',
      pattern: {
        source: ['aws.cloudwatch'],
        $or: [{ metricName: ['CPUUtilization', 'ReadLatency'] }, { namespace: ['AWS/EC2', 'AWS/ES'] }],
      },
      event: CW,
      matches: true,
    },
    {
      name: 'source && (metricName || namespace) fails when neither branch matches',
      pattern: {
        source: ['aws.cloudwatch'],
        $or: [{ metricName: ['CPUUtilization'] }, { namespace: ['AWS/ES'] }],
      },
      event: CW,
      matches: false,
    },
    {
      name: 'the source outside $or still has to match',
      pattern: { source: ['aws.ec2'], $or: [{ metricName: ['Other'] }, { namespace: ['AWS/EC2'] }] },
      event: CW,
      matches: false,
    },
    {
      name: 'parallel $or at the top and inside detail both have to hold',
      pattern: {
        $or: [{ metricName: ['CPUUtilization'] }, { namespace: ['AWS/EC2'] }],
        detail: {
          $or: [{ source: ['aws.cloudwatch'] }, { 'detail-type': ['CloudWatch Alarm State Change'] }],
        },
      },
      event: CW,
      matches: true,
    },
    {
      name: 'an $or branch with an AND inside needs all of its fields',
      pattern: { $or: [{ metricType: ['MetricType'], namespace: ['AWS/EC2'] }, { scope: ['Service'] }] },
      event: CW,
      matches: false,
    },
    {
      name: 'nested $or inside an $or branch matches',
      pattern: {
        source: ['aws.cloudwatch'],
        $or: [
          { metricName: ['CPUUtilization'] },
          { namespace: ['AWS/EC2'], $or: [{ metricId: [1234] }, { metricName: ['Other'] }] },
        ],
      },
      event: CW,
      matches: true,
    },
  ]);
});
