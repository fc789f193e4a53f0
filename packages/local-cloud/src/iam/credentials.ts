/**
 * Each function's local credentials, as Lambda gives a function its role's session credentials in
 * `AWS_ACCESS_KEY_ID` / `AWS_SECRET_ACCESS_KEY` / `AWS_SESSION_TOKEN` (ADR 30). They are derived from the
 * account and the function's name, so a worker's environment, the gateway's lookup and `spendwise-local iam
 * credentials <function>` agree without sharing state. Header signatures are not verified: the access key names
 * the caller, nothing more (a local cloud on loopback keeps out no one who can read its environment).
 */
import { createHash } from 'node:crypto';

export interface LocalCredentials {
  AccessKeyId: string;
  SecretAccessKey: string;
  SessionToken: string;
}

const digest = (text: string) => createHash('sha256').update(text).digest();
/** The 32 letters and digits AWS access keys are written in. */
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/**
 * The credentials of one function: an `ASIA…` key (a temporary key, as a role session's) of 20 characters.
 *
 * @example functionCredentials('000000000000', 'spendwise-dev-createExpense').AccessKeyId // 'ASIA…'
 */
export function functionCredentials(accountId: string, functionName: string): LocalCredentials {
  const bytes = digest(`spendwise-local:${accountId}:${functionName}`);
  const key = `ASIA${[...bytes.subarray(0, 16)].map((byte) => ALPHABET[byte % 32]).join('')}`;
  return {
    AccessKeyId: key,
    // The local cloud's rule for every key (s3/sigv4.ts `localSecretFor`, ADR 14): the secret is the id, so
    // the presigned URLs and POST policies a function signs verify.
    SecretAccessKey: key,
    SessionToken: Buffer.from(`spendwise-local session of ${functionName}`).toString('base64'),
  };
}

const CREDENTIAL = /Credential=([^/,\s]+)\//;

/**
 * The access key a request was signed with: the SigV4 `Authorization` header's `Credential=<AKID>/…`, or a
 * presigned URL's `X-Amz-Credential`.
 */
export function accessKeyOf(
  headers: Record<string, string | undefined>,
  query?: URLSearchParams,
): string | undefined {
  const signed = CREDENTIAL.exec(headers.authorization ?? '')?.[1];
  if (signed) return signed;
  const presigned = query?.get('X-Amz-Credential');
  return presigned ? presigned.split('/')[0] || undefined : undefined;
}
