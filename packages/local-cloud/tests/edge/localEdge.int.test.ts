import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { AuthEngine } from '../../src/auth';
import type { InvokeOutcome } from '../../src/core/ports';
import { deployStacks } from '../../src/deploy';
import { EdgeEngine } from '../../src/edge';
import { HttpApiEngine } from '../../src/httpApi';
import { ParameterStoreEngine, SsmParameterProvider } from '../../src/ssm';
import { send } from '../httpApi/http';
import { freshCloud } from '../httpApi/support';
import { fixtureStacks, GLOBAL_LIMIT, REPORTS_LIMIT } from './fixtures';

const { cloud, recorded, answers } = freshCloud();
const store = new ParameterStoreEngine(cloud.config);
cloud.ssm = store;
const auth = new AuthEngine(cloud);
const httpApi = new HttpApiEngine(cloud, { keys: auth, basePort: 0 });
let clock = Date.now();
const webRoot = mkdtempSync(join(tmpdir(), 'spendwise-web-'));
const edge = new EdgeEngine(cloud, { webRoot, webPort: 0, now: () => clock });
const awsEndpoint = 'http://127.0.0.1:4566';
let url: string;

const INDEX = '<!doctype html><title>Spendwise</title><div id="app"></div>';
const ok = (result: unknown): InvokeOutcome => ({ ok: true, result, durationMs: 1, coldStart: false });
answers.invoke = async (functionRef, payload) => {
  const event = payload as APIGatewayProxyEventV2;
  const body = {
    functionRef,
    rawPath: event.rawPath,
    rawQueryString: event.rawQueryString,
    headers: event.headers,
  };
  return ok({ statusCode: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
};
const lastEvent = () => recorded.invocations.at(-1)?.payload as APIGatewayProxyEventV2;
/** A new WAF window: every rate counter starts from zero. */
const nextWindow = () => {
  clock += 301_000;
};

beforeAll(async () => {
  mkdirSync(join(webRoot, 'assets'));
  writeFileSync(join(webRoot, 'index.html'), INDEX);
  writeFileSync(join(webRoot, 'assets', 'index-3f9a1c2b.js'), 'console.log("app")');
  writeFileSync(join(webRoot, 'assets', 'logo-77aa.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  await deployStacks(
    fixtureStacks(),
    [...auth.providers(), ...httpApi.providers(), new SsmParameterProvider(store), ...edge.providers()],
    cloud,
  );
  await httpApi.start();
  url = (await edge.start({ apis: httpApi, auth, awsEndpoint }))[0]!.url;
});

afterAll(async () => {
  await edge.stop();
  await httpApi.stop();
});

describe('the local edge serving a CloudFront distribution', () => {
  it('listens on localhost and serves the index at / (DefaultRootObject) with the security headers', async () => {
    expect(url).toMatch(/^http:\/\/localhost:\d+$/);

    const response = await send(`${url}/`);

    expect(response.status).toBe(200);
    expect(response.body.toString()).toBe(INDEX);
    expect(response.headers).toMatchObject({
      'content-type': 'text/html; charset=utf-8',
      'cache-control': 'no-cache',
      'content-security-policy': "default-src 'self'",
      'strict-transport-security': 'max-age=63072000; includeSubDomains; preload',
      'x-frame-options': 'DENY',
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
      'permissions-policy': 'camera=()',
      'x-edge-function': 'viewer-response /',
      'x-cache': 'Miss from cloudfront',
    });
  });

  it('falls back to index.html with 200 for an app route (S3 403 → CustomErrorResponses)', async () => {
    const response = await send(`${url}/expenses/2026-12?view=month`);

    expect(response.status).toBe(200);
    expect(response.body.toString()).toBe(INDEX);
    expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
  });

  it('serves hashed assets with their content type, cached immutable', async () => {
    const script = await send(`${url}/assets/index-3f9a1c2b.js`);
    const image = await send(`${url}/assets/logo-77aa.svg`);

    expect(script.status).toBe(200);
    expect(script.body.toString()).toBe('console.log("app")');
    expect(script.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(script.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(image.headers['content-type']).toBe('image/svg+xml');
    const again = await send(`${url}/assets/logo-77aa.svg`, {
      headers: { 'if-none-match': String(image.headers.etag) },
    });
    expect(again.status).toBe(304);
  });

  it('routes /api/expenses to the expenses API without the prefix, with the origin header and the token', async () => {
    const clientId = store.get('/spendwise/dev/auth/app-client-id');
    const token = await auth.mintToken({ user: 'alice', clientId, scopes: ['spendwise/expenses.read'] });

    const response = await send(`${url}/api/expenses?month=2026-12&category=food`, {
      headers: { authorization: `Bearer ${token}`, 'x-origin-verify': 'forged', cookie: 'a=1' },
    });

    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('application/json');
    expect(response.headers['cache-control']).toBeUndefined();
    expect(response.headers['content-security-policy']).toBe("default-src 'self'");
    const event = lastEvent();
    expect(recorded.invocations.at(-1)?.functionRef).toMatch(/spendwise-expenses-dev-list$/);
    expect(event.rawPath).toBe('/expenses');
    expect(event.rawQueryString).toBe('month=2026-12&category=food');
    expect(event.headers).toMatchObject({
      'x-origin-verify': 'local-origin-secret',
      authorization: `Bearer ${token}`,
      host: expect.stringMatching(/^[a-z0-9]{10}\.execute-api\.eu-west-1\.amazonaws\.com$/),
      via: expect.stringMatching(/\.cloudfront\.net \(CloudFront\)$/),
      'x-forwarded-for': '127.0.0.1, 127.0.0.1',
    });
    expect(event.cookies).toEqual(['a=1']);
    expect(event.requestContext.domainPrefix).toBe(event.requestContext.apiId);
  });

  it('keeps the API answers of other routes, methods and services (sub-paths, POST bodies)', async () => {
    const created = await send(`${url}/api/expenses`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"amount":"12.50"}',
    });
    expect(created.status).toBe(200);
    expect(lastEvent()).toMatchObject({ rawPath: '/expenses', body: '{"amount":"12.50"}' });

    await send(`${url}/api/expenses/01JEXPENSE`, { method: 'DELETE' });
    expect(lastEvent()).toMatchObject({
      rawPath: '/expenses/01JEXPENSE',
      routeKey: 'ANY /expenses/{proxy+}',
    });

    await send(`${url}/api/insights/reports`, { method: 'POST', body: '{}' });
    expect(recorded.invocations.at(-1)?.functionRef).toMatch(/spendwise-insights-dev-create$/);
  });

  it('answers API Gateway errors as they are when no custom error page maps them (401 is not 403/404)', async () => {
    const response = await send(`${url}/api/expenses`);

    expect(response.status).toBe(401);
    expect(response.json()).toEqual({ message: 'Unauthorized' });
  });

  it('refuses methods the behaviour does not allow and Host names that are not its own', async () => {
    const post = await send(`${url}/index.html`, { method: 'POST', body: 'x' });
    // A CloudFront 403 is an error like any other: the distribution's 403 page applies.
    expect(post.status).toBe(200);
    expect(post.headers['x-cache']).toBe('Error from cloudfront');

    const rebound = await send(`${url}/`, { headers: { host: 'evil.example' } });
    expect(rebound.status).toBe(403);
  });

  it('generates /config.json from the deployed user pool and app client when the web root has none', async () => {
    const response = await send(`${url}/config.json`);
    const [issuer] = auth.issuers();
    const appClientId = store.get('/spendwise/dev/auth/app-client-id');

    expect(response.status).toBe(200);
    expect(response.headers['cache-control']).toBe('no-cache');
    expect(response.json()).toEqual({
      stage: 'dev',
      apiBase: '/api',
      auth: {
        issuer: `${awsEndpoint}/${issuer?.poolId}`,
        clientId: appClientId,
        scopes: ['openid', 'email', 'spendwise/expenses.read'],
        redirectPath: '/callback',
        logoutUrl: `${awsEndpoint}/${issuer?.poolId}/logout`,
      },
    });
    expect(issuer?.clientIds).toHaveLength(2);
  });

  it('serves the web root’s own config.json when the app ships one', async () => {
    writeFileSync(join(webRoot, 'config.json'), '{"stage":"built"}');
    try {
      const response = await send(`${url}/config.json`);
      expect(response.json()).toEqual({ stage: 'built' });
    } finally {
      rmSync(join(webRoot, 'config.json'));
    }
  });
});

describe('the web ACL on the distribution', () => {
  it('blocks POST /api/insights/reports past its tighter limit with the rule’s custom 429, other paths still pass', async () => {
    nextWindow();
    const report = () => send(`${url}/api/insights/reports`, { method: 'POST', body: '{}' });
    for (let i = 0; i < REPORTS_LIMIT; i++) expect((await report()).status).toBe(200);

    const blocked = await report();

    expect(blocked.status).toBe(429);
    expect(blocked.json()).toEqual({ code: 'TOO_MANY_REQUESTS' });
    expect(blocked.headers['x-amzn-waf-retry-after']).toBe('300');
    expect((await send(`${url}/assets/logo-77aa.svg`)).status).toBe(200);
  });

  it('blocks every request of an IP past the per-IP limit with 403, until the window has passed', async () => {
    nextWindow();
    for (let i = 0; i < GLOBAL_LIMIT; i++)
      expect((await send(`${url}/assets/logo-77aa.svg`)).status).toBe(200);

    const blocked = await send(`${url}/api/expenses`);
    const page = await send(`${url}/`);

    expect(blocked.status).toBe(403);
    expect(blocked.body.toString()).toContain('Request blocked');
    expect(page.status).toBe(403);
    nextWindow();
    expect((await send(`${url}/`)).status).toBe(200);
  });
});

describe('start-up report', () => {
  const reported = () =>
    recorded.unsupported.map((item) => `${item.logicalId} ${item.property}: ${item.reason}`);

  it('names the managed rule groups, the aliases, the certificate and the bucket', () => {
    const lines = reported();
    for (const group of [
      'AWSManagedRulesAmazonIpReputationList',
      'AWSManagedRulesCommonRuleSet',
      'AWSManagedRulesKnownBadInputsRuleSet',
    ]) {
      expect(lines).toContainEqual(
        expect.stringContaining(`WebAcl Rules[${group}]: AWS managed rule group AWS/${group}`),
      );
    }
    expect(lines).toContainEqual(
      expect.stringContaining('Distribution DistributionConfig.Aliases: app.spendwise.example'),
    );
    expect(lines).toContainEqual(
      expect.stringContaining('Distribution DistributionConfig.ViewerCertificate'),
    );
    expect(lines).toContainEqual(expect.stringContaining('WebBucket *: S3 is not emulated'));
    expect(lines).toContainEqual(
      expect.stringContaining('Distribution ViewerProtocolPolicy: 4 behaviour(s) ask for HTTPS'),
    );
    expect(lines.join('\n')).not.toContain('RequestsPerIp');
  });
});
