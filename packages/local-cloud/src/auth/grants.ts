import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** A validated authorization request waiting for the user to sign in on the local page. */
export interface PendingRequest {
  poolId: string;
  clientId: string;
  redirectUri: string;
  state?: string;
  nonce?: string;
  scopes: string[];
  codeChallenge: string;
}

/** What a code or refresh token stands for: a signed-in user and what the client was granted. */
export interface Grant extends PendingRequest {
  username: string;
}

interface Stored<T> {
  value: T;
  expiresAt: number;
}

/** How long a sign-in page stays usable, and a code redeemable: short, as RFC 6749 §4.1.2 recommends. */
export const PENDING_TTL_MS = 10 * 60_000;
export const CODE_TTL_MS = 5 * 60_000;

/** PKCE verifiers and challenges: 43 to 128 unreserved characters (RFC 7636 §4.1, §4.2). */
export const PKCE_VALUE = /^[A-Za-z0-9._~-]{43,128}$/;

/** `BASE64URL(SHA256(verifier))` compared with the challenge in constant time (RFC 7636 §4.6). */
export function verifierMatches(verifier: string, challenge: string): boolean {
  const computed = Buffer.from(createHash('sha256').update(verifier, 'ascii').digest('base64url'));
  const expected = Buffer.from(challenge);
  return computed.length === expected.length && timingSafeEqual(computed, expected);
}

const secret = () => randomBytes(32).toString('base64url');

/** Why a code cannot be redeemed, for the `invalid_grant` description. */
export type CodeRefusal = 'unknown' | 'expired' | 'used';

/**
 * The issuer's short-lived state, in memory only: pending sign-ins, authorization codes (single use) and refresh
 * tokens. A restart forgets them, which signs people out at the next refresh: acceptable locally.
 */
export class GrantStore {
  private readonly pending = new Map<string, Stored<PendingRequest>>();
  private readonly codes = new Map<string, Stored<Grant> & { used: boolean }>();
  private readonly refreshTokens = new Map<string, Stored<Grant>>();

  constructor(private readonly now: () => number = Date.now) {}

  /** Keeps a validated request until the user signs in; answers its unguessable id for the form. */
  addPending(request: PendingRequest): string {
    this.sweep();
    const id = secret();
    this.pending.set(id, { value: request, expiresAt: this.now() + PENDING_TTL_MS });
    return id;
  }

  /** The pending request with this id, while it is still valid. */
  peekPending(id: string): PendingRequest | undefined {
    const stored = this.pending.get(id);
    return stored && stored.expiresAt > this.now() ? stored.value : undefined;
  }

  /** Turns a pending request into a code for `username`; the request can not be completed twice. */
  issueCode(id: string, username: string): { code: string; grant: Grant } | undefined {
    const request = this.peekPending(id);
    this.pending.delete(id);
    if (!request) return undefined;
    const code = secret();
    const grant = { ...request, username };
    this.codes.set(code, { value: grant, expiresAt: this.now() + CODE_TTL_MS, used: false });
    return { code, grant };
  }

  /**
   * Redeems a code once: any attempt uses it up, a failed one too, so a stolen code cannot be tried against
   * guessed verifiers (RFC 6749 §4.1.2: a code used twice is refused).
   */
  redeemCode(code: string): Grant | CodeRefusal {
    const stored = this.codes.get(code);
    if (!stored) return 'unknown';
    if (stored.used) return 'used';
    stored.used = true;
    return stored.expiresAt > this.now() ? stored.value : 'expired';
  }

  issueRefreshToken(grant: Grant, validitySeconds: number): string {
    const token = secret();
    this.refreshTokens.set(token, { value: grant, expiresAt: this.now() + validitySeconds * 1000 });
    return token;
  }

  refreshGrant(token: string): Grant | undefined {
    const stored = this.refreshTokens.get(token);
    return stored && stored.expiresAt > this.now() ? stored.value : undefined;
  }

  /** Drops what has expired, so an open endpoint cannot grow the maps without bound over a long session. */
  private sweep(): void {
    const now = this.now();
    for (const map of [this.pending, this.codes, this.refreshTokens] as Map<string, Stored<unknown>>[]) {
      for (const [key, stored] of map) if (stored.expiresAt + CODE_TTL_MS < now) map.delete(key);
    }
  }
}
