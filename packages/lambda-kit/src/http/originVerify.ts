import { timingSafeEqual } from 'node:crypto';
import { SecretsProvider } from '@aws-lambda-powertools/parameters/secrets';
import type { MiddlewareObj } from '@middy/core';
import { HttpProblemError } from './HttpProblemError';
import type { HttpEvent } from './types';

/** The header CloudFront adds to every API origin request (docs/edge.md). */
export const ORIGIN_VERIFY_HEADER = 'x-origin-verify';

/** Reads one staging label of a secret's string; undefined when that label has no version. */
export type OriginSecretSource = (
  secretId: string,
  stage: 'AWSCURRENT' | 'AWSPREVIOUS',
  options: { maxAgeSeconds: number; forceFetch: boolean },
) => Promise<string | undefined>;

export interface OriginVerifyOptions {
  /** Secrets Manager secret id (name or ARN); default env `ORIGIN_SECRET_ID`. Unset or blank: no check. */
  secretId?: string;
  /** How long a fetched value is reused (seconds); default 300. */
  maxAgeSeconds?: number;
  /** Shortest time between two forced re-reads caused by a header that matched nothing (ms); default 60 s. */
  refreshIntervalMs?: number;
  /** Where values come from; default Powertools' SecretsProvider. */
  source?: OriginSecretSource;
  now?: () => number;
}

const isNotFound = (error: unknown): boolean => {
  const cause = (error as { cause?: { name?: string } })?.cause;
  return (
    (error as Error)?.name === 'ResourceNotFoundException' || cause?.name === 'ResourceNotFoundException'
  );
};

/**
 * Powertools' cache key is the secret's name and transform, not the staging label, so each label gets its own
 * provider (and cache). AWSPREVIOUS is absent until the first rotation: that reads as undefined.
 */
export const powertoolsSecretSource = (): OriginSecretSource => {
  const providers = { AWSCURRENT: new SecretsProvider(), AWSPREVIOUS: new SecretsProvider() };
  return async (secretId, stage, { maxAgeSeconds, forceFetch }) => {
    try {
      const value = await providers[stage].get(secretId, {
        maxAge: maxAgeSeconds,
        forceFetch,
        sdkOptions: { VersionStage: stage },
      });
      return typeof value === 'string' ? value : undefined;
    } catch (error) {
      if (stage === 'AWSPREVIOUS' && isNotFound(error)) return undefined;
      throw error;
    }
  };
};

const sameSecret = (given: string, expected: string | undefined): boolean => {
  if (expected === undefined || expected === '') return false;
  const a = Buffer.from(given, 'utf8');
  const b = Buffer.from(expected, 'utf8');
  // timingSafeEqual needs equal lengths; comparing b with itself keeps the time independent of where they differ.
  return a.length === b.length ? timingSafeEqual(a, b) : !timingSafeEqual(b, b);
};

const refuse = () =>
  new HttpProblemError(403, 'ORIGIN_NOT_ALLOWED', 'Requests must come through the Spendwise web origin');

/**
 * Refuses requests that did not come through CloudFront: when a secret id is configured (env
 * `ORIGIN_SECRET_ID`), the `x-origin-verify` header must equal the secret's AWSCURRENT or AWSPREVIOUS value
 * (compared in constant time), else 403 problem+json `ORIGIN_NOT_ALLOWED`. AWSPREVIOUS keeps the old value
 * valid while a rotation reaches every CloudFront edge. Values are cached for `maxAgeSeconds`; a header that
 * matches nothing re-reads both at most once per `refreshIntervalMs`, so a fresh rotation is seen at once
 * while a flood of forged headers cannot turn into a flood of Secrets Manager calls.
 *
 * @example middy(handler).use(httpHeaderNormalizer()).use(originVerify());
 */
export const originVerify = (options: OriginVerifyOptions = {}): MiddlewareObj<HttpEvent> => {
  const secretId = (options.secretId ?? process.env.ORIGIN_SECRET_ID ?? '').trim();
  // Middy wants at least one hook: an unconfigured check is a hook that does nothing.
  if (secretId === '') return { before: () => undefined };
  const maxAgeSeconds = options.maxAgeSeconds ?? 300;
  const refreshIntervalMs = options.refreshIntervalMs ?? 60_000;
  const now = options.now ?? Date.now;
  let source = options.source;
  let lastForced = Number.NEGATIVE_INFINITY;

  const accepted = async (given: string, forceFetch: boolean): Promise<boolean> => {
    source ??= powertoolsSecretSource();
    const read = { maxAgeSeconds, forceFetch };
    if (sameSecret(given, await source(secretId, 'AWSCURRENT', read))) return true;
    return sameSecret(given, await source(secretId, 'AWSPREVIOUS', read));
  };

  const before = async ({ event }: { event: HttpEvent }): Promise<void> => {
    // Header names are lower case here: httpHeaderNormalizer runs first (and API Gateway sends them so).
    const given = event.headers?.[ORIGIN_VERIFY_HEADER];
    if (!given) throw refuse();
    if (await accepted(given, false)) return;
    if (now() - lastForced < refreshIntervalMs) throw refuse();
    lastForced = now();
    if (!(await accepted(given, true))) throw refuse();
  };
  return { before };
};
