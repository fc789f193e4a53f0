import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { APIGatewayProxyEventV2WithJWTAuthorizer } from 'aws-lambda';
import type { AuthEngine } from '../../src/auth';
import type { InvokeOutcome } from '../../src/core/ports';
import { HttpApiEngine, type RequestTiming } from '../../src/httpApi';
import { send } from './http';
import { deploy, deployPlatformPool, freshCloud } from './support';

const { cloud, recorded, answers } = freshCloud();
const timings: RequestTiming[] = [];
const engine = new HttpApiEngine(cloud, {
  keys: { jwks: (issuer) => auth.jwks(issuer) },
  onRequest: (t) => timings.push(t),
});
let auth: AuthEngine;
let url: string;

const fn = (name: string) => `arn:aws:lambda:eu-west-1:000000000000:function:spendwise-expenses-dev-${name}`;
const ok = (result: unknown): InvokeOutcome => ({ ok: true, result, durationMs: 1, coldStart: false });
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

answers.invoke = async (ref, payload) => {
  if (ref.endsWith('slow')) await sleep(400);
  if (ref.endsWith('boom'))
    return { ok: false, errorType: 'Error', errorMessage: 'boom', durationMs: 1, coldStart: false };
  const event = payload as APIGatewayProxyEventV2WithJWTAuthorizer;
  if (ref.endsWith('binary'))
    return ok({ statusCode: 200, body: event.body, isBase64Encoded: true, cookies: ['a=1', 'b=2'] });
  return ok({ statusCode: 200, headers: { 'access-control-allow-origin': '*', etag: '"1"' }, body: 'done' });
};

/** Deploys an API shaped like the expenses template, plus public, slow, failing and binary routes. */
async function deployExpensesApi(issuer: string, clientId: string) {
  const api = await deploy(
    engine,
    cloud,
    'AWS::ApiGatewayV2::Api',
    'HttpApi',
    {
      Name: 'spendwise-expenses-dev',
      ProtocolType: 'HTTP',
      CorsConfiguration: {
        AllowHeaders: ['authorization', 'content-type'],
        AllowMethods: ['GET', 'POST', 'PATCH', 'DELETE'],
        AllowOrigins: ['http://localhost:3000'],
        ExposeHeaders: ['etag', 'location'],
        MaxAge: 600,
      },
    },
    'expenses',
  );
  const on = (type: string, id: string, properties: Record<string, unknown>) =>
    deploy(engine, cloud, type, id, { ApiId: api.ref, ...properties }, 'expenses');
  await on('AWS::ApiGatewayV2::Stage', 'HttpApiStage', { StageName: '$default', AutoDeploy: true });
  const authorizer = await on('AWS::ApiGatewayV2::Authorizer', 'HttpApiAuthorizerCognito', {
    Name: 'cognito',
    IdentitySource: ['$request.header.Authorization'],
    AuthorizerType: 'JWT',
    JwtConfiguration: { Audience: [clientId], Issuer: issuer },
  });
  for (const [name, routeKey, scope, timeout] of [
    ['createExpense', 'POST /expenses', 'spendwise/expenses.write', 30000],
    ['getExpense', 'GET /expenses/{id}', 'spendwise/expenses.read', 30000],
    ['slow', 'GET /slow', undefined, 100],
    ['boom', 'GET /boom', undefined, 30000],
    ['binary', 'POST /files/{proxy+}', undefined, 30000],
  ] as const) {
    const integration = await on('AWS::ApiGatewayV2::Integration', `Integration${name}`, {
      IntegrationType: 'AWS_PROXY',
      IntegrationUri: fn(name),
      PayloadFormatVersion: '2.0',
      TimeoutInMillis: timeout,
    });
    const auth = scope
      ? { AuthorizationType: 'JWT', AuthorizerId: authorizer.ref, AuthorizationScopes: [scope] }
      : {};
    await on('AWS::ApiGatewayV2::Route', `Route${name}`, {
      RouteKey: routeKey,
      Target: `integrations/${integration.ref}`,
      ...auth,
    });
  }
  return api.ref;
}

const lastEvent = () => recorded.invocations.at(-1)?.payload as APIGatewayProxyEventV2WithJWTAuthorizer;

beforeAll(async () => {
  const platform = await deployPlatformPool(cloud);
  auth = platform.auth;
  await deployExpensesApi(platform.issuer, platform.clientId);
  url = (await engine.start())[0]!.url;
});

afterAll(() => engine.stop());

describe('a local HTTP API', () => {
  it('is listed with its stack, id, name and loopback URL', () => {
    expect(engine.apis()).toEqual([
      {
        stack: 'expenses',
        apiId: expect.stringMatching(/^[0-9a-z]{10}$/),
        name: 'spendwise-expenses-dev',
        url,
      },
    ]);
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it('invokes the function with the verified claims of a valid token', async () => {
    const token = await auth.mintToken({ user: 'alice' });

    const response = await send(`${url}/expenses`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: '{"amount":"12.50"}',
    });

    expect(response.status).toBe(200);
    expect(response.body.toString()).toBe('done');
    expect(response.headers['apigw-requestid']).toBe(lastEvent().requestContext.requestId);
    expect(recorded.invocations.at(-1)?.functionRef).toBe(fn('createExpense'));
    expect(lastEvent()).toMatchObject({
      routeKey: 'POST /expenses',
      body: '{"amount":"12.50"}',
      isBase64Encoded: false,
    });
    expect(lastEvent().requestContext.authorizer.jwt.claims).toMatchObject({
      username: 'alice',
      token_use: 'access',
    });
  });

  it('passes path parameters, query strings and cookies', async () => {
    const token = await auth.mintToken({ user: 'alice' });

    await send(`${url}/expenses/e%2D1?tag=a&tag=b`, {
      headers: { authorization: token, cookie: 'theme=dark; lang=en' },
    });

    expect(lastEvent()).toMatchObject({
      routeKey: 'GET /expenses/{id}',
      rawPath: '/expenses/e%2D1',
      pathParameters: { id: 'e-1' },
      queryStringParameters: { tag: 'a,b' },
      cookies: ['theme=dark', 'lang=en'],
    });
    expect(lastEvent().headers).not.toHaveProperty('cookie');
  });

  it('passes every query parameter name on, __proto__ and constructor included, so the function can refuse it', async () => {
    const token = await auth.mintToken({ user: 'alice' });

    await send(`${url}/expenses/e-1?__proto__=x&constructor=y`, { headers: { authorization: token } });

    const passed = JSON.parse(JSON.stringify(lastEvent())).queryStringParameters;
    expect(Object.keys(passed)).toEqual(['__proto__', 'constructor']);
    expect(passed.constructor).toBe('y');
  });

  it('answers 401 without calling the function when the token is missing or expired', async () => {
    const before = recorded.invocations.length;
    const expired = await auth.mintToken({ user: 'alice', expiresInSeconds: -5 });

    const missing = await send(`${url}/expenses/e-1`);
    const late = await send(`${url}/expenses/e-1`, { headers: { authorization: `Bearer ${expired}` } });

    expect([missing.status, missing.json()]).toEqual([401, { message: 'Unauthorized' }]);
    expect(late.status).toBe(401);
    expect(late.headers['www-authenticate']).toContain('error="invalid_token"');
    expect(recorded.invocations.length).toBe(before);
  });

  it('answers 403 when the token lacks the route scope', async () => {
    const token = await auth.mintToken({ user: 'alice', scopes: ['spendwise/expenses.read'] });

    const response = await send(`${url}/expenses`, { method: 'POST', headers: { authorization: token } });

    expect([response.status, response.json()]).toEqual([403, { message: 'Forbidden' }]);
    expect(response.headers['www-authenticate']).toContain('error="insufficient_scope"');
  });

  it('answers a CORS preflight itself, without authorizer or function', async () => {
    const before = recorded.invocations.length;

    const response = await send(`${url}/expenses`, {
      method: 'OPTIONS',
      headers: { origin: 'http://localhost:3000', 'access-control-request-method': 'POST' },
    });

    expect(response.status).toBe(204);
    expect(response.headers).toMatchObject({
      'access-control-allow-origin': 'http://localhost:3000',
      'access-control-allow-methods': 'GET,POST,PATCH,DELETE',
      'access-control-max-age': '600',
    });
    expect(recorded.invocations.length).toBe(before);
  });

  it('puts its own CORS headers on responses to an allowed origin', async () => {
    const token = await auth.mintToken({ user: 'alice' });

    const response = await send(`${url}/expenses/e-1`, {
      headers: { authorization: token, origin: 'http://localhost:3000' },
    });

    expect(response.headers['access-control-allow-origin']).toBe('http://localhost:3000');
    expect(response.headers['access-control-expose-headers']).toBe('etag,location');
  });

  it('answers 413 to a body over 10 MB without calling the function', async () => {
    const before = recorded.invocations.length;

    const response = await send(`${url}/files/big.bin`, {
      method: 'POST',
      headers: { 'content-type': 'application/octet-stream' },
      body: Buffer.alloc(10 * 1024 * 1024 + 1),
    });

    expect([response.status, response.json()]).toEqual([413, { message: 'Request Entity Too Large' }]);
    expect(recorded.invocations.length).toBe(before);
  });

  it('answers 503 when the function outlasts the integration timeout', async () => {
    const response = await send(`${url}/slow`);

    expect([response.status, response.json()]).toEqual([503, { message: 'Service Unavailable' }]);
  });

  it('answers 500 when the function fails', async () => {
    const response = await send(`${url}/boom`);

    expect([response.status, response.json()]).toEqual([500, { message: 'Internal Server Error' }]);
  });

  it('answers 404 for a path no route matches', async () => {
    const response = await send(`${url}/nowhere`);

    expect([response.status, response.json()]).toEqual([404, { message: 'Not Found' }]);
  });

  it('round-trips a binary body base64-encoded and sets one set-cookie per cookie', async () => {
    const bytes = Buffer.from([0, 1, 2, 254, 255]);

    const response = await send(`${url}/files/a/b.bin`, {
      method: 'POST',
      headers: { 'content-type': 'application/octet-stream' },
      body: bytes,
    });

    expect(lastEvent()).toMatchObject({
      isBase64Encoded: true,
      body: bytes.toString('base64'),
      pathParameters: { proxy: 'a/b.bin' },
    });
    expect(response.body).toEqual(bytes);
    expect(response.headers['set-cookie']).toEqual(['a=1', 'b=2']);
  });

  it('measures the time it spends outside the function', async () => {
    await send(`${url}/slow`);

    const slow = timings.at(-1)!;
    expect(slow.integrationMs).toBeGreaterThanOrEqual(90);
    expect(slow.overheadMs).toBeCloseTo(slow.totalMs - slow.integrationMs, 6);
    expect(engine.stats().count).toBe(timings.length);
  });
});
