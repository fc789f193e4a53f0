import { isOriginOf } from '../auth/redirectUris';
import type { CorsRule } from './model';

/**
 * Whether a rule's `AllowedOrigins` entry admits a browser origin: exactly, through one `*` wildcard as S3
 * allows (`https://*.example.com`, `*`), or — for a loopback entry (`http://localhost:3000`) — any port on any
 * loopback host, like the local issuer's RFC 8252 rule, because the local web app's port changes from run to
 * run (docs/local-cloud.md).
 */
export function originMatches(pattern: string, origin: string): boolean {
  if (pattern === '*' || pattern === origin) return true;
  if (pattern.includes('*')) {
    const [head, tail] = pattern.split('*', 2) as [string, string];
    return origin.length >= head.length + tail.length && origin.startsWith(head) && origin.endsWith(tail);
  }
  return isOriginOf([pattern], origin);
}

const headerMatches = (pattern: string, header: string) => {
  const p = pattern.toLowerCase();
  if (p === '*') return true;
  if (p.includes('*')) {
    const [head, tail] = p.split('*', 2) as [string, string];
    return header.startsWith(head) && header.endsWith(tail);
  }
  return p === header;
};

/** The first rule that admits the origin, method and (for a preflight) the requested headers, as S3 picks it. */
export function matchingRule(
  rules: readonly CorsRule[],
  origin: string,
  method: string,
  requestHeaders: readonly string[] = [],
): CorsRule | undefined {
  return rules.find(
    (rule) =>
      rule.allowedOrigins.some((pattern) => originMatches(pattern, origin)) &&
      rule.allowedMethods.includes(method.toUpperCase()) &&
      requestHeaders.every((header) => rule.allowedHeaders.some((pattern) => headerMatches(pattern, header))),
  );
}

/** The Access-Control-* headers S3 adds for a matching rule. */
export function corsResponseHeaders(
  rule: CorsRule,
  origin: string,
  preflight?: { method: string; headers: string[] },
) {
  const wildcard = rule.allowedOrigins.includes('*');
  const headers: Record<string, string> = {
    'access-control-allow-origin': wildcard ? '*' : origin,
    'access-control-allow-methods': rule.allowedMethods.join(', '),
    vary: 'Origin, Access-Control-Request-Headers, Access-Control-Request-Method',
  };
  if (!wildcard) headers['access-control-allow-credentials'] = 'true';
  if (preflight && preflight.headers.length > 0)
    headers['access-control-allow-headers'] = preflight.headers.join(', ');
  if (rule.exposedHeaders.length > 0)
    headers['access-control-expose-headers'] = rule.exposedHeaders.join(', ');
  if (preflight && rule.maxAge !== undefined) headers['access-control-max-age'] = String(rule.maxAge);
  return headers;
}
