/**
 * Sign-in with OIDC authorization code + PKCE (S256) + state through oauth4webapi: the same code path for the
 * Cognito hosted UI on AWS and the local issuer's sign-in page. The access token lives in sessionStorage (this
 * tab only, gone when it closes); an expired token, or a 401 from an API, sends the person back to sign in and
 * then to where they were.
 */
import * as oauth from 'oauth4webapi';
import type { RuntimeConfig } from '../config';

export interface Session {
  accessToken: string;
  /** Epoch milliseconds. */
  expiresAt: number;
  /** Who signed in, for display (the token's username or e-mail claim). */
  user: string;
}

interface PendingSignIn {
  state: string;
  codeVerifier: string;
  returnTo: string;
}

const SESSION_KEY = 'spendwise.session';
const PENDING_KEY = 'spendwise.signin';
/** Treat a token as expired a little early, so a request does not set off with one about to lapse. */
const EXPIRY_MARGIN_MS = 30_000;

/** Local issuers are plain http on a loopback host; anything else must be https. */
const isLoopback = (url: URL) => ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
const requestOptions = (url: URL) => (isLoopback(url) ? { [oauth.allowInsecureRequests]: true } : {});

/** Thrown when signing in fails; the message is for the person, `code` for support. */
export class SignInError extends Error {
  override name = 'SignInError';
  constructor(
    message: string,
    readonly code: string,
  ) {
    super(message);
  }
}

function readJson<T>(key: string): T | undefined {
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

export function forgetSession(): void {
  sessionStorage.removeItem(SESSION_KEY);
}

const redirectUri = (config: RuntimeConfig) => `${location.origin}${config.auth.redirectPath}`;

/**
 * The issuer's discovery document. Not through oauth4webapi's processDiscoveryResponse: that requires the
 * document's `issuer` to be the URL it was read from, which holds for Cognito but not for the local issuer, whose
 * document (served by the local cloud) names Cognito's issuer, the `iss` of its tokens. Tokens are still checked
 * against the document's `issuer`.
 */
async function discover(config: RuntimeConfig): Promise<oauth.AuthorizationServer> {
  const issuer = new URL(config.auth.issuer);
  let response: Response;
  try {
    response = await oauth.discoveryRequest(issuer, requestOptions(issuer));
  } catch (error) {
    throw new SignInError(
      `The sign-in service cannot be reached (${(error as Error).message})`,
      'ISSUER_UNREACHABLE',
    );
  }
  const document = (await response.json().catch(() => undefined)) as oauth.AuthorizationServer | undefined;
  if (!response.ok || typeof document?.issuer !== 'string' || !document.token_endpoint) {
    throw new SignInError(`The sign-in service answered ${response.status}`, 'INVALID_DISCOVERY');
  }
  return document;
}

/** Starts signing in: remembers where to come back to, then leaves for the issuer's authorize endpoint. */
export async function signIn(config: RuntimeConfig, returnTo: string): Promise<void> {
  const as = await discover(config);
  if (!as.authorization_endpoint) throw new SignInError('The issuer has no sign-in page', 'NO_AUTHORIZE');
  const codeVerifier = oauth.generateRandomCodeVerifier();
  const state = oauth.generateRandomState();
  const pending: PendingSignIn = { state, codeVerifier, returnTo };
  sessionStorage.setItem(PENDING_KEY, JSON.stringify(pending));
  const url = new URL(as.authorization_endpoint);
  url.searchParams.set('client_id', config.auth.clientId);
  url.searchParams.set('redirect_uri', redirectUri(config));
  url.searchParams.set('response_type', 'code');
  url.searchParams.set('scope', config.auth.scopes.join(' '));
  url.searchParams.set('state', state);
  url.searchParams.set('code_challenge', await oauth.calculatePKCECodeChallenge(codeVerifier));
  url.searchParams.set('code_challenge_method', 'S256');
  location.assign(url.href);
}

/** The display name carried by an access token (its payload is read, not verified: the APIs verify it). */
function userOf(accessToken: string): string {
  try {
    const payload = JSON.parse(atob((accessToken.split('.')[1] ?? '').replace(/-/g, '+').replace(/_/g, '/')));
    return String(payload.email ?? payload.username ?? payload['cognito:username'] ?? payload.sub ?? '');
  } catch {
    return '';
  }
}

/** Finishes signing in on `/callback`: checks state, exchanges the code, keeps the token; returns where to go. */
export async function completeSignIn(config: RuntimeConfig, callbackUrl: URL): Promise<string> {
  const pending = readJson<PendingSignIn>(PENDING_KEY);
  if (!pending) throw new SignInError('This sign-in was not started here; start again', 'NO_PENDING_SIGN_IN');
  sessionStorage.removeItem(PENDING_KEY);
  const as = await discover(config);
  const client: oauth.Client = { client_id: config.auth.clientId };
  let params: URLSearchParams;
  try {
    params = oauth.validateAuthResponse(as, client, callbackUrl, pending.state);
  } catch (error) {
    const code = (error as { error?: string }).error ?? 'INVALID_CALLBACK';
    throw new SignInError(`Signing in did not complete: ${(error as Error).message}`, code);
  }
  const tokenUrl = new URL(as.token_endpoint ?? config.auth.issuer);
  const response = await oauth.authorizationCodeGrantRequest(
    as,
    client,
    oauth.None(),
    params,
    redirectUri(config),
    pending.codeVerifier,
    requestOptions(tokenUrl),
  );
  let tokens: oauth.TokenEndpointResponse;
  try {
    tokens = await oauth.processAuthorizationCodeResponse(as, client, response);
  } catch (error) {
    throw new SignInError(
      `The sign-in service refused the code: ${(error as Error).message}`,
      'TOKEN_REFUSED',
    );
  }
  const session: Session = {
    accessToken: tokens.access_token,
    expiresAt: Date.now() + (tokens.expires_in ?? 3600) * 1000,
    user: userOf(tokens.access_token),
  };
  sessionStorage.setItem(SESSION_KEY, JSON.stringify(session));
  return pending.returnTo.startsWith('/') && !pending.returnTo.startsWith('//') ? pending.returnTo : '/';
}

/** Signs out here and at the issuer (Cognito's /logout with client_id and logout_uri). */
export function signOut(config: RuntimeConfig): void {
  forgetSession();
  const url = new URL(config.auth.logoutUrl);
  url.searchParams.set('client_id', config.auth.clientId);
  url.searchParams.set('logout_uri', `${location.origin}/`);
  location.assign(url.href);
}
