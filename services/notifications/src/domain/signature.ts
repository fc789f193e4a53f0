import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** The header every webhook delivery carries: `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">`. */
export const SIGNATURE_HEADER = 'Spendwise-Signature';
/** The header naming the delivered notification (stable across retries: receivers de-duplicate on it). */
export const EVENT_ID_HEADER = 'Spendwise-Event-Id';

/** Receivers reject signatures older (or newer) than this, so a captured request cannot be replayed later. */
export const DEFAULT_TOLERANCE_SECONDS = 300;

/** A new signing secret: 32 random bytes, base64url, with a prefix that makes leaked secrets easy to spot. */
export const generateWebhookSecret = () => `whsec_${randomBytes(32).toString('base64url')}`;

const hmac = (secret: string, timestamp: number, body: string) =>
  createHmac('sha256', secret).update(`${timestamp}.${body}`, 'utf8').digest('hex');

/**
 * The Spendwise-Signature header value for a body sent at `now`.
 *
 * @example signWebhook('{"id":"…"}', 'whsec_…', new Date()) // 't=1767225600,v1=5f2c…'
 */
export function signWebhook(body: string, secret: string, now: Date): string {
  const timestamp = Math.floor(now.getTime() / 1000);
  return `t=${timestamp},v1=${hmac(secret, timestamp, body)}`;
}

export interface VerifyOptions {
  now?: Date;
  toleranceSeconds?: number;
}

/**
 * For receivers: whether a Spendwise-Signature header matches the raw request body (exactly as received,
 * before any JSON parsing) and is recent. Several `v1=` entries are accepted so a secret can be rotated.
 *
 * @example if (!verifyWebhookSignature(req.headers['spendwise-signature'], rawBody, secret)) return 400;
 */
export function verifyWebhookSignature(
  header: string | undefined,
  body: string,
  secret: string,
  options: VerifyOptions = {},
): boolean {
  if (!header) return false;
  const parts = header.split(',').map((part) => part.trim().split('=', 2) as [string, string?]);
  const timestamps = parts.filter(([key]) => key === 't').map(([, value]) => Number(value));
  const signatures = parts
    .filter(([key, value]) => key === 'v1' && value)
    .map(([, value]) => value as string);
  const [timestamp] = timestamps;
  if (timestamps.length !== 1 || timestamp === undefined || !Number.isSafeInteger(timestamp)) return false;
  const now = Math.floor((options.now ?? new Date()).getTime() / 1000);
  if (Math.abs(now - timestamp) > (options.toleranceSeconds ?? DEFAULT_TOLERANCE_SECONDS)) return false;
  const expected = Buffer.from(hmac(secret, timestamp, body), 'hex');
  return signatures.some((candidate) => {
    const given = Buffer.from(candidate, 'hex');
    return given.length === expected.length && timingSafeEqual(given, expected);
  });
}
