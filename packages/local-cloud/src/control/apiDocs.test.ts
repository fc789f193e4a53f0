import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import type { AwsRequest, LocalRoute } from '../core/protocol';
import { API_DOCS_DIR, apiDocsRoutes } from './apiDocs';

const rootDir = mkdtempSync(join(tmpdir(), 'api-docs-'));
mkdirSync(join(rootDir, API_DOCS_DIR));
writeFileSync(join(rootDir, API_DOCS_DIR, 'index.html'), '<!doctype html><title>APIs</title>');
writeFileSync(join(rootDir, 'secret.txt'), 'not for the browser');

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
  it('serves the built reference, index.html for the folder', async () => {
    const response = await get('/_local/api-docs/');

    expect(response.status).toBe(200);
    expect(response.headers?.['content-type']).toBe('text/html; charset=utf-8');
    expect(String(response.body)).toContain('<title>APIs</title>');
  });

  it('redirects the folder without its slash, so relative URLs resolve', async () => {
    expect(await get('/_local/api-docs')).toMatchObject({
      status: 308,
      headers: { location: '/_local/api-docs/' },
    });
  });

  it('serves nothing outside the folder', async () => {
    expect((await get('/_local/api-docs/..%2Fsecret.txt')).status).toBe(404);
  });

  it('says how to build what is missing', async () => {
    const response = await get('/_local/api-docs/expenses.openapi.json');

    expect(response.status).toBe(404);
    expect(String(response.body)).toContain('pnpm openapi:docs');
  });
});
