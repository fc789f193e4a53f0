import { createHash, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { APIGatewayProxyEventV2WithJWTAuthorizer } from 'aws-lambda';
import { AuthEngine } from '../../src/auth';
import { Gateway } from '../../src/gateway';
import { HttpApiEngine } from '../../src/httpApi';
import { send } from '../httpApi/http';
import { deploy, deployPlatformPool, freshCloud } from '../httpApi/support';

/**
 * The sign-in a browser does, over real HTTP against the local cloud's AWS endpoint (the gateway with its guard
 * and the issuer's routes) and a service HTTP API with its JWT authorizer: discovery → authorize page → sign-in
 * form → code → token with PKCE → an API call the authorizer accepts. Headers are those a browser sends.
 */

const { cloud, recorded, answers } = freshCloud();
const auth = new AuthEngine(cloud);
const apis = new HttpApiEngine(cloud, { keys: auth });
const gateway = new Gateway({
  host: '127.0.0.1',
  port: 0,
  apis: [],
  routes: auth.routes(),
  browserAccess: (request) => auth.browserAccess(request),
});
let endpoint: string;
let apiUrl: string;
let discovery: Record<string, string>;
let clientId: string;
/** The app's origin: a loopback port the client's callback URL does not name, as the local web app may get. */
const APP = 'http://localhost:41234';
const REDIRECT = `${APP}/callback`;

answers.invoke = async (_ref, payload) => {
  const event = payload as APIGatewayProxyEventV2WithJWTAuthorizer;
  return {
    ok: true,
    result: { statusCode: 200, body: JSON.stringify(event.requestContext.authorizer.jwt.claims) },
    durationMs: 1,
    coldStart: false,
  };
};

/** An API shaped like the expenses service's: one JWT-authorized route needing expenses.read. */
async function deployApi(issuer: string, audience: string) {
  const api = await deploy(
    apis,
    cloud,
    'AWS::ApiGatewayV2::Api',
    'HttpApi',
    { Name: 'expenses', ProtocolType: 'HTTP' },
    'expenses',
  );
  const on = (type: string, id: string, properties: Record<string, unknown>) =>
    deploy(apis, cloud, type, id, { ApiId: api.ref, ...properties }, 'expenses');
  await on('AWS::ApiGatewayV2::Stage', 'Stage', { StageName: '$default', AutoDeploy: true });
  const authorizer = await on('AWS::ApiGatewayV2::Authorizer', 'Authorizer', {
    Name: 'cognito',
    AuthorizerType: 'JWT',
    IdentitySource: ['$request.header.Authorization'],
    JwtConfiguration: { Issuer: issuer, Audience: [audience] },
  });
  const integration = await on('AWS::ApiGatewayV2::Integration', 'Integration', {
    IntegrationType: 'AWS_PROXY',
    IntegrationUri: 'arn:aws:lambda:eu-west-1:000000000000:function:listExpenses',
    PayloadFormatVersion: '2.0',
  });
  await on('AWS::ApiGatewayV2::Route', 'Route', {
    RouteKey: 'GET /expenses',
    Target: `integrations/${integration.ref}`,
    AuthorizationType: 'JWT',
    AuthorizerId: authorizer.ref,
    AuthorizationScopes: ['spendwise/expenses.read'],
  });
}

const pkce = () => {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
};

/** Headers of a top-level navigation the app starts (a link or location change to another site). */
const navigation = {
  'sec-fetch-site': 'cross-site',
  'sec-fetch-mode': 'navigate',
  'sec-fetch-dest': 'document',
};

/** GET authorize as the browser navigates there, then POST the form as the page itself does; the redirect. */
async function signInAs(user: string, challenge: string, redirectUri = REDIRECT) {
  const authorizeUrl = new URL(discovery.authorization_endpoint!);
  for (const [name, value] of Object.entries({
    response_type: 'code',
    client_id: clientId,
    redirect_uri: redirectUri,
    scope: 'openid email spendwise/expenses.read',
    state: 'xyz',
    code_challenge: challenge,
    code_challenge_method: 'S256',
  }))
    authorizeUrl.searchParams.set(name, value);
  const page = await send(authorizeUrl.toString(), { headers: navigation });
  const html = page.body.toString();
  const action = /<form method="post" action="([^"]+)"/.exec(html)?.[1];
  const requestId = /name="request_id" value="([^"]+)"/.exec(html)?.[1];
  const posted = await send(new URL(action ?? '/', endpoint).toString(), {
    method: 'POST',
    headers: {
      origin: endpoint,
      'sec-fetch-site': 'same-origin',
      'sec-fetch-mode': 'navigate',
      'content-type': 'application/x-www-form-urlencoded',
    },
    body: new URLSearchParams({ request_id: requestId ?? '', username: user }).toString(),
  });
  return { page, posted };
}

/** POST to the token endpoint as the app's fetch does. */
const exchange = (fields: Record<string, string>) =>
  send(discovery.token_endpoint!, {
    method: 'POST',
    headers: {
      origin: APP,
      'sec-fetch-site': 'cross-site',
      'sec-fetch-mode': 'cors',
      'content-type': 'application/x-www-form-urlencoded',
    },
    body: new URLSearchParams({ client_id: clientId, redirect_uri: REDIRECT, ...fields }).toString(),
  });

beforeAll(async () => {
  const platform = await deployPlatformPool(cloud, auth);
  clientId = platform.clientId;
  await deployApi(platform.issuer, platform.clientId);
  apiUrl = (await apis.start())[0]!.url;
  endpoint = await gateway.start();
  cloud.config.awsPort = Number(new URL(endpoint).port);
  const response = await send(`${endpoint}/${platform.poolId}/.well-known/openid-configuration`, {
    headers: { origin: APP, 'sec-fetch-site': 'cross-site', 'sec-fetch-mode': 'cors' },
  });
  expect(response.headers['access-control-allow-origin']).toBe(APP);
  discovery = response.json() as Record<string, string>;
});

afterAll(async () => {
  await gateway.stop();
  await apis.stop();
});

describe('signing in through the local issuer', () => {
  it('walks authorize → sign-in form → code → token, and the service API accepts the access token', async () => {
    const { verifier, challenge } = pkce();

    const { page, posted } = await signInAs('alice', challenge);
    const callback = new URL(String(posted.headers.location));
    const tokens = await exchange({
      grant_type: 'authorization_code',
      code: callback.searchParams.get('code') ?? '',
      code_verifier: verifier,
    });
    const { access_token } = tokens.json() as { access_token: string };
    const call = await send(`${apiUrl}/expenses`, { headers: { authorization: `Bearer ${access_token}` } });

    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(posted.status).toBe(303);
    expect(`${callback.origin}${callback.pathname}`).toBe(REDIRECT);
    expect(callback.searchParams.get('state')).toBe('xyz');
    expect(tokens.status).toBe(200);
    expect(tokens.headers['access-control-allow-origin']).toBe(APP);
    expect(tokens.headers['cache-control']).toBe('no-store');
    expect(tokens.json()).toMatchObject({
      token_type: 'Bearer',
      expires_in: 3600,
      id_token: expect.any(String),
    });
    expect(call.status).toBe(200);
    expect(call.json()).toMatchObject({ username: 'alice', token_use: 'access', client_id: clientId });
    expect(recorded.invocations).toHaveLength(1);
  });

  it('refuses a wrong verifier and a reused code with invalid_grant', async () => {
    const { verifier, challenge } = pkce();
    const { posted } = await signInAs('bob', challenge);
    const code = new URL(String(posted.headers.location)).searchParams.get('code') ?? '';

    const wrong = await exchange({ grant_type: 'authorization_code', code, code_verifier: pkce().verifier });
    const reused = await exchange({ grant_type: 'authorization_code', code, code_verifier: verifier });

    expect([wrong.status, wrong.json()]).toEqual([400, expect.objectContaining({ error: 'invalid_grant' })]);
    expect([reused.status, reused.json()]).toEqual([
      400,
      expect.objectContaining({ error: 'invalid_grant' }),
    ]);
  });

  it('shows a plain 400 page for a foreign redirect URI and never redirects there', async () => {
    const { page } = await signInAs('carol', pkce().challenge, 'https://evil.example/callback');

    expect(page.status).toBe(400);
    expect(page.headers.location).toBeUndefined();
    expect(page.body.toString()).toContain('redirect_mismatch');
  });

  it('refuses the sign-in form posted from another site, and a token request from a foreign origin', async () => {
    const { page } = await signInAs('dave', pkce().challenge);
    const requestId = /name="request_id" value="([^"]+)"/.exec(page.body.toString())?.[1] ?? '';
    const action = new URL(discovery.authorization_endpoint!);

    const crossSitePost = await send(action.toString(), {
      method: 'POST',
      headers: {
        origin: 'https://evil.example',
        'sec-fetch-site': 'cross-site',
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: new URLSearchParams({ request_id: requestId, username: 'dave' }).toString(),
    });
    const foreignToken = await send(discovery.token_endpoint!, {
      method: 'POST',
      headers: { origin: 'https://evil.example', 'content-type': 'application/x-www-form-urlencoded' },
      body: 'grant_type=authorization_code',
    });

    expect(crossSitePost.status).toBe(403);
    expect(foreignToken.status).toBe(403);
    expect(foreignToken.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('sends the browser back to the app on logout', async () => {
    const logout = new URL(discovery.end_session_endpoint!);
    logout.searchParams.set('client_id', clientId);
    logout.searchParams.set('logout_uri', `${APP}/`);

    const response = await send(logout.toString(), { headers: navigation });

    expect(response.status).toBe(302);
    expect(response.headers.location).toBe(`${APP}/`);
  });
});
