import { compactVerify, createLocalJWKSet, decodeProtectedHeader, type JSONWebKeySet } from 'jose';
import { claimsAsStrings, tokenScopes } from './claims';
import type { AuthorizerDef } from './model';

/** Where an authorizer finds an issuer's public keys: the local issuer, never the network. */
export interface IssuerKeys {
  jwks(issuer: string): JSONWebKeySet | undefined;
}

/** The outcome of a JWT authorizer: the claims and scopes for the event, or API Gateway's refusal. */
export type JwtDecision =
  | { ok: true; claims: Record<string, string>; scopes: string[] | null }
  | { ok: false; status: 401 | 403; message: 'Unauthorized' | 'Forbidden'; wwwAuthenticate: string };

/** What one JWT-authorized request brings to the authorizer. */
export interface JwtCheck {
  token: string | undefined;
  authorizer: AuthorizerDef;
  routeScopes: string[];
  keys: IssuerKeys;
  /** Seconds since the epoch; default now. */
  now?: number;
}

const RSA_ALGORITHMS = ['RS256', 'RS384', 'RS512'];

const invalid = (description: string): JwtDecision => ({
  ok: false,
  status: 401,
  message: 'Unauthorized',
  wwwAuthenticate: `Bearer scope="" error="invalid_token" error_description="${description}"`,
});

/**
 * Validates a request's token as the HTTP API JWT authorizer documents it: token (optionally `Bearer `-prefixed)
 * → RSA signature by a `kid` of the issuer's JWKS → `iss` → `aud` (else `client_id`) → `exp` → `nbf` → `iat` →
 * one of the route's scopes in `scp`/`scope`. 401 for a bad token, 403 for missing scopes.
 */
export async function authorizeJwt(check: JwtCheck): Promise<JwtDecision> {
  const token = check.token?.replace(/^bearer /i, '').trim();
  if (!token) return { ok: false, status: 401, message: 'Unauthorized', wwwAuthenticate: 'Bearer' };
  const verified = await verifySignature(token, check.authorizer.issuer, check.keys);
  if (typeof verified === 'string') return invalid(verified);
  const refusal = claimRefusal(verified, check.authorizer, check.now ?? Math.floor(Date.now() / 1000));
  if (refusal) return invalid(refusal);
  const scopes = tokenScopes(verified);
  if (check.routeScopes.length > 0 && !check.routeScopes.some((scope) => scopes.includes(scope))) {
    const wanted = check.routeScopes.join(' ');
    return {
      ok: false,
      status: 403,
      message: 'Forbidden',
      wwwAuthenticate: `Bearer scope="${wanted}" error="insufficient_scope" error_description="expected scopes: [${wanted}]"`,
    };
  }
  return {
    ok: true,
    claims: claimsAsStrings(verified),
    scopes: check.routeScopes.length > 0 ? scopes : null,
  };
}

/** The verified payload, or why the token's header or signature is refused. */
async function verifySignature(
  token: string,
  issuer: string | undefined,
  keys: IssuerKeys,
): Promise<Record<string, unknown> | string> {
  let header: { alg?: string; kid?: string };
  try {
    header = decodeProtectedHeader(token);
  } catch {
    return 'the token is malformed';
  }
  if (!header.alg || !RSA_ALGORITHMS.includes(header.alg)) return `signing method ${header.alg} is invalid`;
  const jwks = issuer === undefined ? undefined : keys.jwks(issuer);
  if (!header.kid || !jwks?.keys.some((key) => key.kid === header.kid)) return 'the token has an unknown kid';
  const cacheKey = `${issuer}\u0000${kidsOf(jwks)}\u0000${token}`;
  const known = verifiedTokens.get(cacheKey);
  if (known) return known;
  try {
    const { payload } = await compactVerify(token, keySetOf(issuer!, jwks), { algorithms: RSA_ALGORITHMS });
    const claims: unknown = JSON.parse(new TextDecoder().decode(payload));
    if (!claims || typeof claims !== 'object' || Array.isArray(claims)) return 'the token is malformed';
    rememberVerified(cacheKey, claims as Record<string, unknown>);
    return claims as Record<string, unknown>;
  } catch {
    return 'the token signature is invalid';
  }
}

/**
 * Tokens whose signature was checked, with their claims, by issuer + key set + token: a client sends the same
 * token with every request until it expires, and the RSA check (an async WebCrypto job) was 2.9 % of the local
 * cloud's main thread under load. Only the signature is remembered: issuer, audience, expiry and scopes are
 * checked on every request. A changed key set (rotation) makes different cache keys.
 */
const verifiedTokens = new Map<string, Record<string, unknown>>();
const MAX_VERIFIED_TOKENS = 10_000;

function rememberVerified(key: string, claims: Record<string, unknown>): void {
  if (verifiedTokens.size >= MAX_VERIFIED_TOKENS) {
    const oldest = verifiedTokens.keys().next().value;
    if (oldest !== undefined) verifiedTokens.delete(oldest);
  }
  verifiedTokens.set(key, claims);
}

const kidsOf = (jwks: JSONWebKeySet) => jwks.keys.map((key) => `${key.kid}:${key.n}`).join(',');

/** Why the claims are refused, in the documented order, or undefined when they pass. */
function claimRefusal(
  claims: Record<string, unknown>,
  authorizer: AuthorizerDef,
  now: number,
): string | undefined {
  if (claims.iss !== authorizer.issuer) return 'the token does not have a valid issuer';
  const audience = claims.aud ?? claims.client_id;
  const audiences = Array.isArray(audience) ? audience : [audience];
  if (!audiences.some((aud) => typeof aud === 'string' && authorizer.audience.includes(aud))) {
    return 'the token does not have a valid audience';
  }
  if (typeof claims.exp !== 'number' || claims.exp <= now) return 'the token has expired';
  if (claims.nbf !== undefined && !(typeof claims.nbf === 'number' && claims.nbf <= now)) {
    return 'the token is not valid yet';
  }
  if (claims.iat !== undefined && !(typeof claims.iat === 'number' && claims.iat <= now)) {
    return 'the token was issued in the future';
  }
  return undefined;
}

const keySets = new Map<string, { kids: string; keySet: ReturnType<typeof createLocalJWKSet> }>();

/** A cached jose key set per issuer, rebuilt when the issuer's keys change. */
function keySetOf(issuer: string, jwks: JSONWebKeySet) {
  const kids = kidsOf(jwks);
  const cached = keySets.get(issuer);
  if (cached?.kids === kids) return cached.keySet;
  const keySet = createLocalJWKSet(jwks);
  keySets.set(issuer, { kids, keySet });
  return keySet;
}
