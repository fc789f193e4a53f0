/**
 * The signed-in session: the access token, its expiry and the refresh token in sessionStorage (this tab only,
 * gone when it closes). Signing in itself (OIDC code + PKCE) and renewing the access token are in ./oidc, loaded
 * only when needed.
 */
import type { RuntimeConfig } from '../config';

export interface Session {
  accessToken: string;
  /** Epoch milliseconds. */
  expiresAt: number;
  /** Who signed in, for display (the token's username or e-mail claim). */
  user: string;
  /** Renews the access token without asking the person again (until the issuer's refresh token expires). */
  refreshToken?: string;
}

export const SESSION_KEY = 'spendwise.session';
/** Treat a token as expired a little early, so a request does not set off with one about to lapse. */
const EXPIRY_MARGIN_MS = 30_000;

export function readJson<T>(key: string): T | undefined {
  try {
    const raw = sessionStorage.getItem(key);
    return raw ? (JSON.parse(raw) as T) : undefined;
  } catch {
    return undefined;
  }
}

/** The current session, or undefined when there is none or its token has expired. */
export function currentSession(now = Date.now()): Session | undefined {
  const session = readJson<Session>(SESSION_KEY);
  if (!session || session.expiresAt - EXPIRY_MARGIN_MS <= now) return undefined;
  return session;
}

/** A session whose access token has run out but that can be renewed with its refresh token. */
export function renewableSession(): Session | undefined {
  const session = readJson<Session>(SESSION_KEY);
  return session?.refreshToken ? session : undefined;
}

/** Whether a session existed but ran out and cannot be renewed (the sign-in page then says so). */
export const sessionExpired = (): boolean =>
  readJson<Session>(SESSION_KEY) !== undefined && !currentSession() && !renewableSession();

export function keepSession(session: Session): void {
  sessionStorage.setItem(SESSION_KEY, JSON.stringify(session));
}

export function forgetSession(): void {
  sessionStorage.removeItem(SESSION_KEY);
}

/** Signs out here and at the issuer (Cognito's /logout with client_id and logout_uri). */
export function signOut(config: RuntimeConfig): void {
  forgetSession();
  const url = new URL(config.auth.logoutUrl);
  url.searchParams.set('client_id', config.auth.clientId);
  url.searchParams.set('logout_uri', `${location.origin}/`);
  location.assign(url.href);
}
