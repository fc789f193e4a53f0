import { describe, expect, it } from '@jest/globals';
import { generateWebhookSecret, signWebhook, verifyWebhookSignature } from './signature';

const secret = 'whsec_unit-test';
const body = '{"id":"n-1","type":"BudgetThresholdReached"}';
const sentAt = new Date('2026-11-24T10:00:00Z');

describe('webhook signatures', () => {
  it('signs "<t>.<body>" with HMAC-SHA256 in the documented header format', () => {
    expect(signWebhook(body, secret, sentAt)).toMatch(/^t=1795514400,v1=[0-9a-f]{64}$/);
  });

  it('verifies its own signature within the tolerance', () => {
    const header = signWebhook(body, secret, sentAt);

    expect(verifyWebhookSignature(header, body, secret, { now: new Date('2026-11-24T10:04:00Z') })).toBe(
      true,
    );
  });

  it.each([
    ['a changed body', (h: string) => [h, `${body} `, secret]],
    ['another secret', (h: string) => [h, body, 'whsec_other']],
    ['a changed timestamp', (h: string) => [h.replace('t=1795514400', 't=1795514401'), body, secret]],
    ['no header', () => [undefined, body, secret]],
    ['a malformed header', () => ['v1=abc', body, secret]],
  ])('rejects %s', (_name, tamper) => {
    const [header, candidateBody, candidateSecret] = tamper(signWebhook(body, secret, sentAt)) as [
      string | undefined,
      string,
      string,
    ];

    expect(verifyWebhookSignature(header, candidateBody, candidateSecret, { now: sentAt })).toBe(false);
  });

  it('rejects a signature older than the tolerance (a replay)', () => {
    const header = signWebhook(body, secret, sentAt);

    expect(verifyWebhookSignature(header, body, secret, { now: new Date('2026-11-24T10:05:01Z') })).toBe(
      false,
    );
  });

  it('accepts a header carrying an old and a new signature during secret rotation', () => {
    const fresh = signWebhook(body, secret, sentAt);
    const header = `${fresh},v1=${'0'.repeat(64)}`;

    expect(verifyWebhookSignature(header, body, secret, { now: sentAt })).toBe(true);
  });

  it('generates distinct, prefixed 256-bit secrets', () => {
    const [a, b] = [generateWebhookSecret(), generateWebhookSecret()];

    expect(a).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    expect(a).not.toBe(b);
  });
});
