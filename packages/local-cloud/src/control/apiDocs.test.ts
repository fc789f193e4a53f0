import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import type { AwsRequest, LocalRoute } from '../core/protocol';
import { apiDocsRoutes, OPENAPI_DIR, SCALAR_BUNDLE } from './apiDocs';

const rootDir = mkdtempSync(join(tmpdir(), 'api-docs-'));
mkdirSync(join(rootDir, OPENAPI_DIR), { recursive: true });
writeFileSync(join(rootDir, OPENAPI_DIR, 'expenses.openapi.json'), '{"openapi":"3.1.0"}');
mkdirSync(dirname(join(rootDir, SCALAR_BUNDLE)), { recursive: true });
writeFileSync(join(rootDir, SCALAR_BUNDLE), 'window.Scalar = {};');
writeFileSync(join(rootDir, 'package.json'), '{"private":true}');

const get = (path: string) => {
  const routes: LocalRoute[] = apiDocsRoutes(rootDir);
  const route = routes.find((r) =>
    r.path.endsWith('*') ? path.startsWith(r.path.slice(0, -1)) : r.path === path,
  );
  if (!route) throw new Error(`no route for ${path}`);
  return route.handle({
    method: 'GET',
    path,
    headers: {},
    query: new URLSearchParams(),
  } as unknown as AwsRequest);
};

describe('GET /_local/api-docs/', () => {
  it('serves the reference page over the documents there are, with Scalar from node_modules', async () => {
    const page = await get('/_local/api-docs/');
    const bundle = await get('/_local/api-docs/standalone.js');
    const document = await get('/_local/api-docs/expenses.openapi.json');

    expect(page.status).toBe(200);
    expect(page.headers?.['content-type']).toBe('text/html; charset=utf-8');
    expect(String(page.body)).toContain('"url":"./expenses.openapi.json"');
    expect(String(page.body)).not.toContain('https://');
    expect(String(bundle.body)).toBe('window.Scalar = {};');
    expect(JSON.parse(String(document.body))).toEqual({ openapi: '3.1.0' });
  });

  it('redirects the folder without its slash, so relative URLs resolve', async () => {
    expect(await get('/_local/api-docs')).toMatchObject({
      status: 308,
      headers: { location: '/_local/api-docs/' },
    });
  });

  it('serves nothing else of the repository', async () => {
    expect((await get('/_local/api-docs/..%2Fpackage.json')).status).toBe(404);
    expect((await get('/_local/api-docs/catalog.openapi.json')).status).toBe(404);
  });
});
