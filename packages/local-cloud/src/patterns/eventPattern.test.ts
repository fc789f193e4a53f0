import { describe } from '@jest/globals';
import { table, withDetail } from './eventPatternFixtures';

// Exact values and the string operators, case by case against AWS's documented examples.
describe('exact matching', () => {
  table([
    {
      name: 'the README simple pattern on detail-type, resources and detail.state matches',
      pattern: {
        'detail-type': ['EC2 Instance State-change Notification'],
        resources: ['arn:aws:ec2:us-east-1:123456789012:instance/i-000000aaaaaa00000'],
        detail: { state: ['initializing', 'running'] },
      },
      matches: true,
    },
    {
      name: 'a source in the alternatives matches',
      pattern: { source: ['aws.s3', 'aws.ec2'] },
      matches: true,
    },
    {
      name: 'a source not in the alternatives does not match',
      pattern: { source: ['aws.s3'] },
      matches: false,
    },
    { name: 'string matching is case-sensitive', pattern: { source: ['AWS.EC2'] }, matches: false },
    { name: 'a string never matches a number', pattern: { detail: { 'c-count': ['5'] } }, matches: false },
    { name: 'a number matches the same number', pattern: { detail: { 'c-count': [5] } }, matches: true },
    {
      name: 'a number matches numerically (5 matches 5.0)',
      pattern: { detail: { 'c-count': [5.0] } },
      matches: true,
    },
    {
      name: 'a number in exponent form matches (3.018e2)',
      pattern: { detail: { 'x-limit': [3.018e2] } },
      matches: true,
    },
    { name: 'a number never matches a string', pattern: { detail: { state: [5] } }, matches: false },
    {
      name: 'an account number given as a string matches the string field',
      pattern: { account: ['012345679012'] },
      matches: true,
    },
    {
      name: 'true matches only the JSON literal true',
      pattern: { detail: { enabled: [true] } },
      event: withDetail({ enabled: true }),
      matches: true,
    },
    {
      name: 'true does not match the string "true"',
      pattern: { detail: { enabled: [true] } },
      event: withDetail({ enabled: 'true' }),
      matches: false,
    },
    {
      name: 'false matches false',
      pattern: { detail: { enabled: [false] } },
      event: withDetail({ enabled: false }),
      matches: true,
    },
  ]);
});

describe('null and empty-string matching', () => {
  const AUTOSCALING = {
    version: '0',
    id: '3e3c153a-8339-4e30-8c35-687ebef853fe',
    'detail-type': 'EC2 Instance Launch Successful',
    source: 'aws.autoscaling',
    account: '123456789012',
    time: '2015-11-11T21:31:47Z',
    region: 'us-east-1',
    resources: [],
    detail: { eventVersion: '', responseElements: null },
  };
  table([
    {
      name: 'an empty string matches eventVersion ""',
      pattern: { detail: { eventVersion: [''] } },
      event: AUTOSCALING,
      matches: true,
    },
    {
      name: 'null matches responseElements null',
      pattern: { detail: { responseElements: [null] } },
      event: AUTOSCALING,
      matches: true,
    },
    {
      name: 'an empty-string pattern does not match null',
      pattern: { detail: { responseElements: [''] } },
      event: AUTOSCALING,
      matches: false,
    },
    {
      name: 'a null pattern does not match an empty string',
      pattern: { detail: { eventVersion: [null] } },
      event: AUTOSCALING,
      matches: false,
    },
    {
      name: 'a null pattern does not match an absent field',
      pattern: { detail: { missing: [null] } },
      event: AUTOSCALING,
      matches: false,
    },
  ]);
});

describe('prefix matching', () => {
  table([
    {
      name: 'time starting with 2017-10-02 matches',
      pattern: { time: [{ prefix: '2017-10-02' }] },
      matches: true,
    },
    {
      name: 'time starting with another day does not match',
      pattern: { time: [{ prefix: '2017-10-03' }] },
      matches: false,
    },
    { name: 'prefix is case-sensitive', pattern: { source: [{ prefix: 'AWS.' }] }, matches: false },
    {
      name: 'prefix only works on strings',
      pattern: { detail: { 'c-count': [{ prefix: '5' }] } },
      matches: false,
    },
    { name: 'an empty prefix matches any string', pattern: { source: [{ prefix: '' }] }, matches: true },
    {
      name: 'prefix with equals-ignore-case matches EVENTB… for "EventB"',
      pattern: { detail: { service: [{ prefix: { 'equals-ignore-case': 'EventB' } }] } },
      event: withDetail({ service: 'EVENTBRIDGE' }),
      matches: true,
    },
    {
      name: 'prefix with equals-ignore-case still needs the prefix',
      pattern: { detail: { service: [{ prefix: { 'equals-ignore-case': 'EventB' } }] } },
      event: withDetail({ service: 'SNS' }),
      matches: false,
    },
  ]);
});

describe('suffix matching', () => {
  table([
    { name: 'source ending with ec2 matches', pattern: { source: [{ suffix: 'ec2' }] }, matches: true },
    {
      name: 'FileName ending with .png matches',
      pattern: { FileName: [{ suffix: '.png' }] },
      event: { FileName: 'image.png' },
      matches: true,
    },
    {
      name: 'suffix is case-sensitive',
      pattern: { FileName: [{ suffix: '.png' }] },
      event: { FileName: 'image.PNG' },
      matches: false,
    },
    {
      name: 'suffix with equals-ignore-case matches .PNG for ".png"',
      pattern: { detail: { FileName: [{ suffix: { 'equals-ignore-case': '.png' } }] } },
      event: { detail: { FileName: 'IMAGE.PNG' } },
      matches: true,
    },
    {
      name: 'suffix only works on strings',
      pattern: { detail: { 'x-limit': [{ suffix: '.8' }] } },
      matches: false,
    },
  ]);
});

describe('equals-ignore-case matching', () => {
  table([
    {
      name: 'EC2 does not equal aws.ec2 even ignoring case',
      pattern: { source: [{ 'equals-ignore-case': 'EC2' }] },
      matches: false,
    },
    {
      name: 'source equals AWS.EC2 ignoring case',
      pattern: { source: [{ 'equals-ignore-case': 'AWS.EC2' }] },
      matches: true,
    },
    {
      name: 'Name "alice" matches "Alice" (comparison operators table)',
      pattern: { Name: [{ 'equals-ignore-case': 'alice' }] },
      event: { Name: 'Alice' },
      matches: true,
    },
    {
      name: 'equals-ignore-case is still an equality, not a prefix',
      pattern: { Name: [{ 'equals-ignore-case': 'ali' }] },
      event: { Name: 'Alice' },
      matches: false,
    },
    {
      name: 'equals-ignore-case only works on strings',
      pattern: { detail: { 'c-count': [{ 'equals-ignore-case': '5' }] } },
      matches: false,
    },
  ]);
});

describe('wildcard matching', () => {
  const s3 = (key: string) => ({ source: 'aws.s3', detail: { object: { key } } });
  table([
    {
      name: 'Simple*Service matches SimpleQueueService (README)',
      pattern: { source: [{ wildcard: 'Simple*Service' }] },
      event: { source: 'SimpleQueueService' },
      matches: true,
    },
    {
      name: 'Simple*Service matches SimpleService (empty run)',
      pattern: { source: [{ wildcard: 'Simple*Service' }] },
      event: { source: 'SimpleService' },
      matches: true,
    },
    {
      name: 'Simple*Service does not match SimpleQueue',
      pattern: { source: [{ wildcard: 'Simple*Service' }] },
      event: { source: 'SimpleQueue' },
      matches: false,
    },
    {
      name: 'dir/*.png matches dir/file.png',
      pattern: { detail: { object: { key: [{ wildcard: 'dir/*.png' }] } } },
      event: s3('dir/file.png'),
      matches: true,
    },
    {
      name: 'dir/*.png does not match dir/file.jpg',
      pattern: { detail: { object: { key: [{ wildcard: 'dir/*.png' }] } } },
      event: s3('dir/file.jpg'),
      matches: false,
    },
    {
      name: '* crosses path separators (dir/a/b.png)',
      pattern: { detail: { object: { key: [{ wildcard: 'dir/*.png' }] } } },
      event: s3('dir/a/b.png'),
      matches: true,
    },
    { name: 'a lone * matches any string', pattern: { source: [{ wildcard: '*' }] }, matches: true },
    {
      name: 'a lone * does not match a number',
      pattern: { detail: { 'c-count': [{ wildcard: '*' }] } },
      matches: false,
    },
    {
      name: 'an escaped \\* matches a literal asterisk',
      pattern: { a: [{ wildcard: 'x\\*y' }] },
      event: { a: 'x*y' },
      matches: true,
    },
    {
      name: 'an escaped \\* does not match other characters',
      pattern: { a: [{ wildcard: 'x\\*y' }] },
      event: { a: 'xzy' },
      matches: false,
    },
    {
      name: 'an escaped backslash matches one backslash',
      pattern: { a: [{ wildcard: 'x\\\\*' }] },
      event: { a: 'x\\tail' },
      matches: true,
    },
    {
      name: 'regular-expression characters are literal',
      pattern: { a: [{ wildcard: 'a.c*' }] },
      event: { a: 'abc' },
      matches: false,
    },
    {
      name: 'wildcard is case-sensitive',
      pattern: { a: [{ wildcard: 'Ab*' }] },
      event: { a: 'abc' },
      matches: false,
    },
  ]);
});
