/**
 * The signed-in session: the access token and its expiry in sessionStorage (this tab only, gone when it closes).
 * Signing in itself (OIDC code + PKCE) is in ./oidc, loaded only on the sign-in page and /callback.
 */
import type { RuntimeConfig } from '../config';

export interface Session {
  accessToken: string;
  /** Epoch milliseconds. */
  expiresAt: number;
  /** Who signed in, for display (the token's username or e-mail claim). */
  user: string;
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

/** Whether a session existed but ran out (the sign-in page then says so). */
export const sessionExpired = (): boolean =>
  readJson<Session>(SESSION_KEY) !== undefined && !currentSession();

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
