/**
 * End to end through the local CloudFront: the edge stack's distribution (services/edge) served by the local
 * edge in front of the whole local system. The app's files come from a small web root made here, so the test
 * does not depend on the web app's build; everything else is the packaged templates.
 */
import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { demoCalendar } from '../../scripts/demo/calendar';
import { buildClient, type SpendwiseClient } from '../../scripts/demo/client';
import { type System, settled, startSystem } from './support/system';

const INDEX = '<!doctype html><title>Spendwise</title><div id="app"></div>';
const cal = demoCalendar();
let system: System;
let web: string;
let client: SpendwiseClient;

beforeAll(async () => {
  const webRoot = mkdtempSync(join(tmpdir(), 'spendwise-e2e-web-'));
  mkdirSync(join(webRoot, 'assets'));
  writeFileSync(join(webRoot, 'index.html'), INDEX);
  writeFileSync(join(webRoot, 'assets', 'index-0a1b2c3d.js'), 'export {}');
  system = await startSystem({ webRoot });
  web = system.cloud.endpoints.web as string;
  const token = await system.cloud.engines.auth.mintToken({ user: 'e2e-edge' });
  // The services' routes under the edge's /api prefix: one origin for every API.
  client = buildClient(
    Object.fromEntries(
      ['expenses', 'catalog', 'insights', 'notifications'].map((name) => [name, `${web}/api`]),
    ),
    token,
  );
}, 600_000);

afterAll(async () => {
  await settled(system);
  await system?.stop();
});

describe('the local edge in front of the whole system', () => {
  it('serves the app shell for app routes, assets with their type and the generated config.json', async () => {
    expect(web).toMatch(/^http:\/\/localhost:\d+$/);
    const route = await fetch(`${web}/expenses/${cal.currentMonth}`);
    const asset = await fetch(`${web}/assets/index-0a1b2c3d.js`);
    const config = (await (await fetch(`${web}/config.json`)).json()) as {
      auth: { issuer: string; clientId: string };
    };

    expect(route.status).toBe(200);
    expect(await route.text()).toBe(INDEX);
    expect(route.headers.get('content-security-policy')).toContain(`connect-src 'self'`);
    expect(asset.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    const [issuer] = system.cloud.endpoints.issuers;
    expect(config.auth.issuer).toBe(`${system.awsEndpoint}/${issuer?.poolId}`);
    expect(issuer?.clientIds).toContain(config.auth.clientId);
  });

  it('records and reads an expense through /api with the services’ own answers, errors included', async () => {
    const created = await client.expect<{ expenseId: string }>(
      201,
      'expenses',
      'POST',
      '/expenses',
      { amount: { minorUnits: 1250, currency: 'EUR' }, date: cal.current(3), categoryId: 'groceries' },
      { 'idempotency-key': `e2e-edge-${Date.now()}` },
    );
    const read = await client.expect<{ expenseId: string }>(
      200,
      'expenses',
      'GET',
      `/expenses/${created.expenseId}`,
    );
    const missing = await client.call<{ code: string }>('expenses', 'GET', `/expenses/${randomUUID()}`);

    expect(read.expenseId).toBe(created.expenseId);
    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-type')).toContain('application/problem+json');
  });

  it('answers POST /api/insights/reports past the web ACL’s limit with the rule’s 429', async () => {
    // Invalid bodies: the function refuses them at once, and WAF counts them all the same.
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++)
      statuses.push((await client.call('insights', 'POST', '/insights/reports', {})).status);

    expect(statuses.slice(0, 10)).toEqual(Array(10).fill(400));
    const blocked = await client.call<{ code: string }>('insights', 'POST', '/insights/reports', {});
    expect(statuses[10]).toBe(429);
    expect(blocked.status).toBe(429);
    expect(blocked.body.code).toBe('RATE_LIMITED');
    expect(blocked.headers.get('x-amzn-waf-retry-after')).toBe('300');
    expect((await client.call('insights', 'GET', `/insights/summary?month=${cal.currentMonth}`)).status).toBe(
      200,
    );
  });
});
