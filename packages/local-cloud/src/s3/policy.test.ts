import { describe, expect, it } from '@jest/globals';
import { S3Error } from './errors';
import { checkPolicy, checkSize, parsePolicy } from './policy';

const NOW = new Date();
const encode = (document: unknown) => Buffer.from(JSON.stringify(document)).toString('base64');
const policyOf = (conditions: unknown[], expiresInMs = 60_000) =>
  parsePolicy(encode({ expiration: new Date(NOW.getTime() + expiresInMs).toISOString(), conditions }));
const fields = (entries: Record<string, string>) =>
  new Map(Object.entries(entries).map(([name, value]) => [name.toLowerCase(), value]));

/** The S3 error `run` throws: status, code and message. */
function refusal(run: () => unknown) {
  try {
    run();
  } catch (error) {
    if (error instanceof S3Error) return { status: error.status, code: error.code, message: error.message };
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('the POST policy evaluator', () => {
  const conditions = [
    { bucket: 'receipts' },
    ['eq', '$key', 'receipts/u/e/r'],
    ['starts-with', '$Content-Type', 'image/'],
    ['content-length-range', 1, 100],
    { 'x-amz-credential': 'local/20260101/eu-west-1/s3/aws4_request' },
  ];
  const good = {
    bucket: 'receipts',
    key: 'receipts/u/e/r',
    'Content-Type': 'image/png',
    'X-Amz-Credential': 'local/20260101/eu-west-1/s3/aws4_request',
    policy: 'ignored',
    'x-amz-signature': 'ignored',
    'x-ignore-me': 'ignored',
  };

  it('accepts fields that meet every condition (names case-insensitive) and returns the size range', () => {
    expect(checkPolicy(policyOf(conditions), fields(good), NOW)).toEqual({ min: 1, max: 100 });
  });

  it.each([
    [{ key: 'receipts/u/e/other' }, 'Policy Condition failed: ["eq", "$key", "receipts/u/e/r"]'],
    [
      { 'Content-Type': 'application/pdf' },
      'Policy Condition failed: ["starts-with", "$Content-Type", "image/"]',
    ],
    [
      { 'Content-Type': 'image/png, text/html' },
      'Policy Condition failed: ["starts-with", "$Content-Type", "image/"]',
    ],
    [{ bucket: 'other' }, 'Policy Condition failed: ["eq", "$bucket", "receipts"]'],
    [{ acl: 'public-read' }, 'Extra input fields: acl'],
  ])('refuses %j: 403 AccessDenied "Invalid according to Policy: %s"', (change, why) => {
    expect(refusal(() => checkPolicy(policyOf(conditions), fields({ ...good, ...change }), NOW))).toEqual({
      status: 403,
      code: 'AccessDenied',
      message: `Invalid according to Policy: ${why}`,
    });
  });

  it('refuses a missing field a condition names', () => {
    const { key: _key, ...withoutKey } = good;
    expect(refusal(() => checkPolicy(policyOf(conditions), fields(withoutKey), NOW)).message).toBe(
      'Invalid according to Policy: Policy Condition failed: ["eq", "$key", "receipts/u/e/r"]',
    );
  });

  it('refuses an expired policy', () => {
    expect(refusal(() => checkPolicy(policyOf(conditions, -1), fields(good), NOW)).message).toBe(
      'Invalid according to Policy: Policy expired.',
    );
  });

  it.each([
    ['not base64 JSON', Buffer.from('{nope').toString('base64'), 'Invalid Policy: Invalid JSON.'],
    ['no expiration', encode({ conditions: [] }), 'Invalid Policy: Policy missing expiration.'],
    [
      'no conditions',
      encode({ expiration: NOW.toISOString() }),
      'Invalid Policy: Policy missing conditions.',
    ],
    [
      'an unknown operator',
      encode({ expiration: NOW.toISOString(), conditions: [['matches', '$key', 'x']] }),
      'Invalid Policy: Invalid Condition: ["matches","$key","x"]',
    ],
  ])('refuses a policy with %s: 400 InvalidPolicyDocument', (_case, encoded, message) => {
    expect(refusal(() => parsePolicy(encoded))).toEqual({
      status: 400,
      code: 'InvalidPolicyDocument',
      message,
    });
  });

  it('checks the file size against content-length-range, inclusive', () => {
    expect(() => checkSize(1, { min: 1, max: 100 })).not.toThrow();
    expect(() => checkSize(100, { min: 1, max: 100 })).not.toThrow();
    expect(refusal(() => checkSize(101, { min: 1, max: 100 }))).toMatchObject({
      status: 400,
      code: 'EntityTooLarge',
    });
    expect(refusal(() => checkSize(0, { min: 1, max: 100 }))).toMatchObject({
      status: 400,
      code: 'EntityTooSmall',
    });
  });
});
