import type { AwsRequest, AwsResponse } from '../core/protocol';
import { type GrantStore, type PendingRequest, PKCE_VALUE } from './grants';
import { matchesRegisteredUri } from './redirectUris';
import { errorPage, PAGE_HEADERS, signInPage } from './signInPage';
import type { AppClient, UserPool } from './userPools';

/** Longest user name the sign-in page takes (Cognito's limit). */
const MAX_USERNAME = 128;

const badRequestPage = (code: string, description: string): AwsResponse => ({
  status: 400,
  headers: { ...PAGE_HEADERS, 'x-amzn-errortype': code },
  body: errorPage(code, description),
});

const redirect = (target: URL, status = 302): AwsResponse => ({
  status,
  headers: { location: target.toString(), 'cache-control': 'no-store', 'referrer-policy': 'no-referrer' },
});

/** The redirect that tells the client why its request was refused (RFC 6749 §4.1.2.1). */
function errorRedirect(redirectUri: string, error: string, description: string, state?: string) {
  const target = new URL(redirectUri);
  target.searchParams.set('error', error);
  target.searchParams.set('error_description', description);
  if (state !== undefined) target.searchParams.set('state', state);
  return redirect(target);
}

/** A parameter given once, or undefined; `null` when it is repeated (RFC 6749 §3.1: never more than once). */
function single(params: URLSearchParams, name: string): string | undefined | null {
  const values = params.getAll(name);
  if (values.length > 1) return null;
  return values[0];
}

/** The client and redirect URI an authorization request names, or the page saying why it has none. */
function clientAndRedirect(
  pool: UserPool,
  query: URLSearchParams,
): { client: AppClient; redirectUri: string } | AwsResponse {
  const clientId = single(query, 'client_id');
  if (!clientId)
    return badRequestPage('invalid_request', 'The request names no client_id (or names it twice).');
  const client = pool.clients.get(clientId);
  if (!client)
    return badRequestPage('invalid_client', `User pool ${pool.poolId} has no app client ${clientId}.`);
  const redirectUri = single(query, 'redirect_uri');
  if (!redirectUri)
    return badRequestPage('invalid_request', 'The request names no redirect_uri (or names it twice).');
  if (!matchesRegisteredUri(client.callbackUrls, redirectUri)) {
    return badRequestPage(
      'redirect_mismatch',
      `${redirectUri} is not a callback URL of ${client.name}: it allows ${client.callbackUrls.join(', ') || 'none'} (any port on a loopback host).`,
    );
  }
  return { client, redirectUri };
}

/**
 * `GET /<poolId>/oauth2/authorize`: validates the request (client, redirect URI, code flow, scopes, PKCE S256)
 * and renders the sign-in page. Until the redirect URI is known to be the client's, errors are a plain page;
 * after, they go back to the client as `error=` (RFC 6749 §4.1.2.1).
 */
export function authorize(pool: UserPool, request: AwsRequest, grants: GrantStore): AwsResponse {
  const known = clientAndRedirect(pool, request.query);
  if ('status' in known) return known;
  const { client, redirectUri } = known;
  const query = request.query;
  const state = single(query, 'state');
  if (state === null) return errorRedirect(redirectUri, 'invalid_request', 'state is repeated');
  const fail = (error: string, description: string) => errorRedirect(redirectUri, error, description, state);
  const repeated = ['response_type', 'scope', 'code_challenge', 'code_challenge_method', 'nonce'].find(
    (name) => single(query, name) === null,
  );
  if (repeated) return fail('invalid_request', `${repeated} is repeated`);
  if (query.get('response_type') !== 'code')
    return fail('unsupported_response_type', 'only response_type=code is supported');
  if (client.oauthFlows.length > 0 && !client.oauthFlows.includes('code'))
    return fail('unauthorized_client', `${client.name} does not allow the code flow`);
  const scopes = (query.get('scope') ?? '').split(' ').filter(Boolean);
  const refused = scopes.filter((scope) => !client.allowedScopes.includes(scope));
  if (refused.length > 0) return fail('invalid_scope', `${client.name} is not allowed ${refused.join(' ')}`);
  const challenge = query.get('code_challenge');
  if (!challenge || !PKCE_VALUE.test(challenge))
    return fail('invalid_request', 'code_challenge is required: 43 to 128 characters (PKCE, RFC 7636)');
  if (query.get('code_challenge_method') !== 'S256')
    return fail('invalid_request', 'code_challenge_method must be S256');
  const pending: PendingRequest = {
    poolId: pool.poolId,
    clientId: client.clientId,
    redirectUri,
    ...(state === undefined ? {} : { state }),
    ...(query.has('nonce') ? { nonce: query.get('nonce') as string } : {}),
    // Without a scope parameter Cognito grants every scope the client allows.
    scopes: scopes.length > 0 ? scopes : client.allowedScopes,
    codeChallenge: challenge,
  };
  const requestId = grants.addPending(pending);
  return {
    status: 200,
    headers: PAGE_HEADERS,
    body: signInPage({ action: request.path, requestId, clientName: client.name }),
  };
}

/**
 * `POST /<poolId>/oauth2/authorize` from the sign-in page: completes the pending request for the user name and
 * sends the browser to the client's redirect URI with a single-use code and the state.
 */
export function signIn(pool: UserPool, request: AwsRequest, grants: GrantStore): AwsResponse {
  const form = request.form;
  if (!form)
    return badRequestPage('invalid_request', 'Send the sign-in form as application/x-www-form-urlencoded.');
  const requestId = form.get('request_id') ?? '';
  const pending = grants.peekPending(requestId);
  if (!pending || pending.poolId !== pool.poolId)
    return badRequestPage('invalid_request', 'This sign-in page has expired or was already used.');
  const username = (form.get('username') ?? '').trim();
  const problem = !username
    ? 'Enter a user name.'
    : username.length > MAX_USERNAME || /\p{Cc}/u.test(username)
      ? `A user name is 1 to ${MAX_USERNAME} printable characters.`
      : undefined;
  if (problem) {
    const client = pool.clients.get(pending.clientId);
    return {
      status: 400,
      headers: { ...PAGE_HEADERS, 'x-amzn-errortype': 'invalid_username' },
      body: signInPage({
        action: request.path,
        requestId,
        clientName: client?.name ?? pending.clientId,
        username,
        error: problem,
      }),
    };
  }
  const issued = grants.issueCode(requestId, username);
  if (!issued) return badRequestPage('invalid_request', 'This sign-in page has expired or was already used.');
  const target = new URL(pending.redirectUri);
  target.searchParams.set('code', issued.code);
  if (pending.state !== undefined) target.searchParams.set('state', pending.state);
  // 303: the browser follows with a GET, never re-posting the form to the app.
  return redirect(target, 303);
}

/**
 * `GET /<poolId>/logout?client_id&logout_uri`: the local issuer keeps no session, so signing out is only the
 * redirect, to one of the client's LogoutURLs (or, without any, a URL on the origin of a callback URL).
 */
export function logout(pool: UserPool, request: AwsRequest): AwsResponse {
  const clientId = single(request.query, 'client_id');
  const client = clientId ? pool.clients.get(clientId) : undefined;
  if (!client)
    return badRequestPage(
      'invalid_client',
      `User pool ${pool.poolId} has no app client ${clientId ?? '(none given)'}.`,
    );
  const logoutUri = single(request.query, 'logout_uri');
  if (!logoutUri)
    return badRequestPage('invalid_request', 'The request names no logout_uri (or names it twice).');
  const allowed =
    client.logoutUrls.length > 0
      ? matchesRegisteredUri(client.logoutUrls, logoutUri)
      : matchesRegisteredUri(
          client.callbackUrls.map((url) => `${safeOrigin(url)}/`),
          `${safeOrigin(logoutUri)}/`,
        );
  if (!allowed) {
    return badRequestPage(
      'invalid_logout_uri',
      `${logoutUri} is not a sign-out URL of ${client.name}: it allows ${(client.logoutUrls.length > 0 ? client.logoutUrls : client.callbackUrls).join(', ') || 'none'}.`,
    );
  }
  return redirect(new URL(logoutUri));
}

const safeOrigin = (value: string) => {
  try {
    return new URL(value).origin;
  } catch {
    return 'invalid:';
  }
};
