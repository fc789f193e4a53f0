import { createHash } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import { createLocalJWKSet, decodeJwt, jwtVerify } from 'jose';
import { deployPlatformPool, freshCloud } from '../../tests/httpApi/support';
import type { AwsRequest, AwsResponse } from '../core/protocol';
import { AuthEngine } from './authEngine';
import { CODE_TTL_MS } from './grants';

const VERIFIER = 'a-verifier-of-at-least-forty-three-characters-0123456789';
const CHALLENGE = createHash('sha256').update(VERIFIER).digest('base64url');
const CALLBACK = 'http://localhost:3000/callback';

function request(method: string, path: string, fields: Record<string, string> = {}): AwsRequest {
  const params = new URLSearchParams(fields);
  const form = method === 'POST' ? params : undefined;
  return {
    service: '',
    protocol: 'rest',
    action: '',
    method,
    path,
    query: method === 'GET' ? params : new URLSearchParams(),
    headers: { host: '127.0.0.1:4566' },
    body: Buffer.from(method === 'POST' ? params.toString() : ''),
    ...(form ? { form } : {}),
    http2: false,
  };
}

/** A deployed pool with its issuer routes, a clock the test moves, and helpers for each step of the flow. */
async function issuer() {
  const { cloud } = freshCloud();
  let now = Date.now();
  const auth = new AuthEngine(cloud, () => now);
  const deployed = await deployPlatformPool(cloud, auth);
  const handle = (r: AwsRequest) => {
    const route = auth.routes().find((candidate) => candidate.method === r.method);
    return route!.handle(r);
  };
  const base = `/${deployed.poolId}`;
  const authorizeQuery = (overrides: Record<string, string> = {}) => ({
    response_type: 'code',
    client_id: deployed.clientId,
    redirect_uri: CALLBACK,
    scope: 'openid spendwise/expenses.read',
    state: 'state-123',
    code_challenge: CHALLENGE,
    code_challenge_method: 'S256',
    ...overrides,
  });
  const signIn = async (username = 'alice', overrides: Record<string, string> = {}) => {
    const page = await handle(request('GET', `${base}/oauth2/authorize`, authorizeQuery(overrides)));
    const requestId = /name="request_id" value="([^"]+)"/.exec(String(page.body))?.[1] ?? '';
    return handle(request('POST', `${base}/oauth2/authorize`, { request_id: requestId, username }));
  };
  const codeOf = (response: AwsResponse) => new URL(response.headers!.location!).searchParams.get('code')!;
  const redeem = (code: string, overrides: Record<string, string> = {}) =>
    handle(
      request('POST', `${base}/oauth2/token`, {
        grant_type: 'authorization_code',
        client_id: deployed.clientId,
        code,
        redirect_uri: CALLBACK,
        code_verifier: VERIFIER,
        ...overrides,
      }),
    );
  return {
    ...deployed,
    base,
    handle,
    authorizeQuery,
    signIn,
    codeOf,
    redeem,
    advance: (ms: number) => {
      now += ms;
    },
  };
}

const location = (response: AwsResponse) => new URL(response.headers!.location!);

describe('the discovery document', () => {
  it('names the local sign-in endpoints, PKCE S256, public clients and the pool scopes', async () => {
    const { handle, base, issuer: iss } = await issuer();

    const response = await handle(request('GET', `${base}/.well-known/openid-configuration`));

    expect(response.body).toMatchObject({
      issuer: iss,
      authorization_endpoint: `http://127.0.0.1:4566${base}/oauth2/authorize`,
      token_endpoint: `http://127.0.0.1:4566${base}/oauth2/token`,
      end_session_endpoint: `http://127.0.0.1:4566${base}/logout`,
      userinfo_endpoint: `http://127.0.0.1:4566${base}/oauth2/userInfo`,
      code_challenge_methods_supported: ['S256'],
      grant_types_supported: ['authorization_code', 'refresh_token'],
      token_endpoint_auth_methods_supported: ['none'],
    });
    expect((response.body as { scopes_supported: string[] }).scopes_supported).toEqual(
      expect.arrayContaining(['openid', 'spendwise/expenses.read', 'spendwise/catalog.read']),
    );
  });
});

describe('the authorize endpoint', () => {
  it('renders an accessible sign-in page that cannot be framed or cached', async () => {
    const { handle, base, authorizeQuery } = await issuer();

    const page = await handle(request('GET', `${base}/oauth2/authorize`, authorizeQuery()));

    expect(page.status).toBe(200);
    expect(page.headers).toMatchObject({ 'cache-control': 'no-store', 'x-frame-options': 'DENY' });
    const html = String(page.body);
    expect(html).toContain('<html lang="en">');
    expect(html).toContain('<label for="username">User name</label>');
    expect(html).toContain('name="viewport"');
    expect(html).toMatch(/local issuer/);
    expect(html).toMatch(/<button type="submit">Sign in<\/button>/);
  });

  it('answers a plain 400 page, never a redirect, while the redirect URI is not the client’s', async () => {
    const { handle, base, authorizeQuery } = await issuer();

    const foreign = await handle(
      request('GET', `${base}/oauth2/authorize`, authorizeQuery({ redirect_uri: 'https://evil.example/cb' })),
    );
    const noClient = await handle(
      request('GET', `${base}/oauth2/authorize`, authorizeQuery({ client_id: 'nope' })),
    );

    expect(foreign).toMatchObject({ status: 400, headers: { 'x-amzn-errortype': 'redirect_mismatch' } });
    expect(foreign.headers).not.toHaveProperty('location');
    expect(noClient).toMatchObject({ status: 400, headers: { 'x-amzn-errortype': 'invalid_client' } });
  });

  it.each([
    ['a response type other than code', { response_type: 'token' }, 'unsupported_response_type'],
    ['a scope the client is not allowed', { scope: 'openid spendwise/admin' }, 'invalid_scope'],
    ['no code challenge', { code_challenge: '' }, 'invalid_request'],
    ['the plain challenge method', { code_challenge_method: 'plain' }, 'invalid_request'],
  ])('sends %s back to the client as error= with the state', async (_why, overrides, error) => {
    const { handle, base, authorizeQuery } = await issuer();

    const response = await handle(request('GET', `${base}/oauth2/authorize`, authorizeQuery(overrides)));

    expect(response.status).toBe(302);
    expect(location(response).origin + location(response).pathname).toBe(CALLBACK);
    expect(location(response).searchParams.get('error')).toBe(error);
    expect(location(response).searchParams.get('state')).toBe('state-123');
  });

  it('redirects a signed-in user to the callback with a code and the state, on the port the app asked for', async () => {
    const { signIn } = await issuer();

    const response = await signIn('alice', { redirect_uri: 'http://localhost:49152/callback' });

    expect(response.status).toBe(303);
    expect(location(response).origin).toBe('http://localhost:49152');
    expect(location(response).searchParams.get('state')).toBe('state-123');
    expect(location(response).searchParams.get('code')).toMatch(/^[\w-]{43}$/);
  });

  it('shows the form again with an error for an empty user name', async () => {
    const { signIn } = await issuer();

    const response = await signIn('   ');

    expect(response.status).toBe(400);
    expect(String(response.body)).toContain('aria-invalid="true"');
    expect(String(response.body)).toContain('Enter a user name.');
  });

  it('refuses a sign-in form whose pending request is unknown or already completed', async () => {
    const { handle, base, authorizeQuery } = await issuer();
    const page = await handle(request('GET', `${base}/oauth2/authorize`, authorizeQuery()));
    const requestId = /name="request_id" value="([^"]+)"/.exec(String(page.body))![1]!;
    await handle(request('POST', `${base}/oauth2/authorize`, { request_id: requestId, username: 'alice' }));

    const again = await handle(
      request('POST', `${base}/oauth2/authorize`, { request_id: requestId, username: 'mallory' }),
    );
    const forged = await handle(
      request('POST', `${base}/oauth2/authorize`, { request_id: 'forged', username: 'mallory' }),
    );

    expect(again).toMatchObject({ status: 400, headers: { 'x-amzn-errortype': 'invalid_request' } });
    expect(forged.status).toBe(400);
  });
});

describe('the token endpoint', () => {
  it('exchanges a code and its verifier for the access token spendwise-local token mints, and an ID token', async () => {
    const { signIn, codeOf, redeem, auth, issuer: iss, clientId } = await issuer();
    const code = codeOf(await signIn('alice'));

    const response = await redeem(code);

    expect(response.status).toBe(200);
    expect(response.headers).toMatchObject({ 'cache-control': 'no-store' });
    const body = response.body as Record<string, string | number>;
    expect(body).toMatchObject({ token_type: 'Bearer', expires_in: 3600 });
    const keys = createLocalJWKSet(auth.jwks(iss)!);
    const { payload: access } = await jwtVerify(String(body.access_token), keys, { issuer: iss });
    const minted = decodeJwt(await auth.mintToken({ user: 'alice' }));
    expect(access).toMatchObject({
      sub: minted.sub,
      client_id: clientId,
      token_use: 'access',
      username: 'alice',
      scope: 'openid spendwise/expenses.read',
    });
    const { payload: id } = await jwtVerify(String(body.id_token), keys, { issuer: iss, audience: clientId });
    expect(id).toMatchObject({ sub: minted.sub, token_use: 'id', 'cognito:username': 'alice' });
    expect(typeof body.refresh_token).toBe('string');
  });

  it('refuses a wrong verifier, and the code is then used up', async () => {
    const { signIn, codeOf, redeem } = await issuer();
    const code = codeOf(await signIn());

    const wrong = await redeem(code, { code_verifier: `${VERIFIER}-but-not-this-one` });
    const right = await redeem(code);

    expect(wrong).toMatchObject({ status: 400, body: { error: 'invalid_grant' } });
    expect(right).toMatchObject({ status: 400, body: { error: 'invalid_grant' } });
  });

  it('refuses a code used twice', async () => {
    const { signIn, codeOf, redeem } = await issuer();
    const code = codeOf(await signIn());
    await redeem(code);

    const reused = await redeem(code);

    expect(reused.status).toBe(400);
    expect(reused.body).toEqual({
      error: 'invalid_grant',
      error_description: 'the authorization code was already used',
    });
  });

  it('refuses a code older than five minutes', async () => {
    const { signIn, codeOf, redeem, advance } = await issuer();
    const code = codeOf(await signIn());
    advance(CODE_TTL_MS + 1);

    const late = await redeem(code);

    expect(late.body).toMatchObject({
      error: 'invalid_grant',
      error_description: expect.stringMatching(/expired/),
    });
  });

  it('refuses a redirect URI other than the authorization request’s', async () => {
    const { signIn, codeOf, redeem } = await issuer();
    const code = codeOf(await signIn());

    const response = await redeem(code, { redirect_uri: 'http://localhost:3001/callback' });

    expect(response.body).toMatchObject({ error: 'invalid_grant' });
  });

  it('answers invalid_request, unsupported_grant_type and invalid_client with 400', async () => {
    const { redeem } = await issuer();

    const missing = await redeem('x', { code_verifier: '' });
    const grant = await redeem('x', { grant_type: 'password' });
    const client = await redeem('x', { client_id: 'nope' });

    expect([missing, grant, client].map((r) => [r.status, (r.body as { error: string }).error])).toEqual([
      [400, 'invalid_request'],
      [400, 'unsupported_grant_type'],
      [400, 'invalid_client'],
    ]);
  });

  it('mints fresh tokens for a refresh token of the same client', async () => {
    const { signIn, codeOf, redeem, handle, base, clientId } = await issuer();
    const first = (await redeem(codeOf(await signIn('bob')))).body as { refresh_token: string };

    const refreshed = await handle(
      request('POST', `${base}/oauth2/token`, {
        grant_type: 'refresh_token',
        client_id: clientId,
        refresh_token: first.refresh_token,
      }),
    );

    expect(refreshed.status).toBe(200);
    expect(decodeJwt((refreshed.body as { access_token: string }).access_token)).toMatchObject({
      username: 'bob',
    });
  });
});

describe('userInfo and logout', () => {
  it('tells who an access token is for', async () => {
    const { signIn, codeOf, redeem, handle, base } = await issuer();
    const { access_token } = (await redeem(codeOf(await signIn('carol@example.com')))).body as {
      access_token: string;
    };
    const ask = request('GET', `${base}/oauth2/userInfo`);
    ask.headers.authorization = `Bearer ${access_token}`;

    const response = await handle(ask);

    expect(response.body).toMatchObject({ username: 'carol@example.com', email: 'carol@example.com' });
  });

  it('redirects to a registered logout URL on any loopback port and refuses others', async () => {
    const { handle, base, clientId } = await issuer();

    const ok = await handle(
      request('GET', `${base}/logout`, { client_id: clientId, logout_uri: 'http://localhost:49152/' }),
    );
    const foreign = await handle(
      request('GET', `${base}/logout`, { client_id: clientId, logout_uri: 'https://evil.example/' }),
    );

    expect(ok).toMatchObject({ status: 302, headers: { location: 'http://localhost:49152/' } });
    expect(foreign).toMatchObject({ status: 400, headers: { 'x-amzn-errortype': 'invalid_logout_uri' } });
  });
});
