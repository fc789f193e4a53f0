/**
 * Sign-in with OIDC authorization code + PKCE (S256) + state through oauth4webapi: the same code path for the
 * Cognito hosted UI on AWS and the local issuer's sign-in page. Loaded only when signing in (a lazy chunk), so the
 * app's first load for a signed-in person does not carry it. An expired token, or a 401 from an API, sends the
 * person back here and then to where they were.
 */
import * as oauth from 'oauth4webapi';
import type { RuntimeConfig } from '../config';
import { keepSession, readJson, type Session } from './session';

interface PendingSignIn {
  state: string;
  codeVerifier: string;
  returnTo: string;
}

const PENDING_KEY = 'spendwise.signin';

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
  keepSession(sessionOf(tokens));
  return pending.returnTo.startsWith('/') && !pending.returnTo.startsWith('//') ? pending.returnTo : '/';
}

function sessionOf(tokens: oauth.TokenEndpointResponse, previousRefreshToken?: string): Session {
  // Cognito answers a refresh without a new refresh token: the one the person has stays valid.
  const refreshToken = tokens.refresh_token ?? previousRefreshToken;
  return {
    accessToken: tokens.access_token,
    expiresAt: Date.now() + (tokens.expires_in ?? 3600) * 1000,
    user: userOf(tokens.access_token),
    ...(refreshToken ? { refreshToken } : {}),
  };
}

/**
 * Renews the session's access token with its refresh token (grant_type=refresh_token) and keeps the new one;
 * throws a SignInError when the issuer refuses (the refresh token expired or was revoked): sign in again.
 */
export async function renewSession(config: RuntimeConfig, refreshToken: string): Promise<Session> {
  const as = await discover(config);
  const client: oauth.Client = { client_id: config.auth.clientId };
  const tokenUrl = new URL(as.token_endpoint ?? config.auth.issuer);
  let tokens: oauth.TokenEndpointResponse;
  try {
    const response = await oauth.refreshTokenGrantRequest(
      as,
      client,
      oauth.None(),
      refreshToken,
      requestOptions(tokenUrl),
    );
    tokens = await oauth.processRefreshTokenResponse(as, client, response);
  } catch (error) {
    throw new SignInError(`The session could not be renewed: ${(error as Error).message}`, 'REFRESH_REFUSED');
  }
  const session = sessionOf(tokens, refreshToken);
  keepSession(session);
  return session;
}
