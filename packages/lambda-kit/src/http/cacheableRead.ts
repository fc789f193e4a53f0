import { createHash } from 'node:crypto';
import type { HttpResult } from './types';

/** Reads may be stored by the client, but must be revalidated every time (and never by shared caches). */
export const READ_CACHE_CONTROL = 'private, max-age=0, must-revalidate';

/** A strong ETag of a representation: a hash of its exact JSON. */
export const contentTag = (body: unknown) =>
  `"${createHash('sha256').update(JSON.stringify(body)).digest('base64url').slice(0, 27)}"`;

function matches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (ifNoneMatch === undefined) return false;
  return ifNoneMatch
    .split(',')
    .map((tag) => tag.trim().replace(/^W\//, ''))
    .some((tag) => tag === '*' || tag === etag);
}

/**
 * A 200 with a strong ETag and revalidation headers, or a 304 when If-None-Match still matches.
 *
 * @example
 * return cacheableRead({ items }, request.headers['if-none-match']);
 */
export function cacheableRead(body: unknown, ifNoneMatch: string | undefined): HttpResult {
  const etag = contentTag(body);
  const headers = { etag, 'cache-control': READ_CACHE_CONTROL };
  if (matches(ifNoneMatch, etag)) return { statusCode: 304, headers };
  return { statusCode: 200, body, headers };
}
