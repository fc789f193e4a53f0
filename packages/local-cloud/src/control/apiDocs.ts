import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { AwsResponse, LocalRoute } from '../core/protocol';

/** Where the local cloud serves the API reference on the AWS endpoint. */
export const API_DOCS_PATH = '/_local/api-docs/';
/** The OpenAPI documents (`pnpm openapi`), relative to the repository root. */
export const OPENAPI_DIR = 'docs/openapi';
/** Scalar's standalone browser bundle, relative to the repository root (a root devDependency). */
export const SCALAR_BUNDLE = 'node_modules/@scalar/api-reference/dist/browser/standalone.js';

// The order of the sources in the page: the one a person looks for first.
const ORDER = ['expenses', 'catalog', 'insights', 'notifications'];

/**
 * The API reference page: Scalar over one document per service, all files beside it (`./standalone.js`,
 * `./<service>.openapi.json`), so it works offline and from any folder. `pnpm openapi:docs` writes the same page.
 */
export function apiReferencePage(services: readonly string[]): string {
  const sorted = [...services].sort((a, b) => (ORDER.indexOf(a) + 1 || 99) - (ORDER.indexOf(b) + 1 || 99));
  const sources = sorted.map((service) => ({
    title: `Spendwise ${service}`,
    slug: service,
    url: `./${service}.openapi.json`,
  }));
  return `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>Spendwise API reference</title>
  </head>
  <body>
    <div id="app"></div>
    <!-- Scalar's standalone bundle, from node_modules: the page needs no CDN and no web fonts. -->
    <script src="./standalone.js"></script>
    <script>
      Scalar.createApiReference('#app', {
        sources: ${JSON.stringify(sources)},
        withDefaultFonts: false,
        telemetry: false,
        hideClientButton: true,
        showDeveloperTools: 'never',
      });
    </script>
  </body>
</html>
`;
}

/** The services that have a document in docs/openapi. */
export async function documentedServices(rootDir: string): Promise<string[]> {
  const names = await readdir(join(rootDir, OPENAPI_DIR)).catch(() => [] as string[]);
  return names
    .filter((name) => name.endsWith('.openapi.json'))
    .map((name) => name.replace('.openapi.json', ''));
}

const file = async (path: string, contentType: string): Promise<AwsResponse> => {
  try {
    return {
      status: 200,
      headers: { 'content-type': contentType, 'cache-control': 'no-cache' },
      body: await readFile(path),
    };
  } catch {
    return { status: 404, headers: { 'content-type': 'text/plain; charset=utf-8' }, body: `Not found\n` };
  }
};

/**
 * `GET /_local/api-docs/`: the API reference of the running system, served straight from the committed documents
 * (docs/openapi) and Scalar's bundle in node_modules, with no build step. Only those files: nothing else of the
 * repository is reachable. A top-level navigation passes the endpoint's guard (Sec-Fetch-Site `none`), and the
 * page's own requests are same-origin.
 */
export function apiDocsRoutes(rootDir: string): LocalRoute[] {
  return [
    {
      method: 'GET',
      path: '/_local/api-docs',
      handle: async () => ({ status: 308, headers: { location: API_DOCS_PATH } }),
    },
    {
      method: 'GET',
      path: `${API_DOCS_PATH}*`,
      handle: async (request) => {
        const name = decodeURIComponent(request.path.slice(API_DOCS_PATH.length));
        if (name === '' || name === 'index.html') {
          const page = apiReferencePage(await documentedServices(rootDir));
          return {
            status: 200,
            headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-cache' },
            body: page,
          };
        }
        if (name === 'standalone.js')
          return file(join(rootDir, SCALAR_BUNDLE), 'text/javascript; charset=utf-8');
        const services = await documentedServices(rootDir);
        const service = services.find((s) => name === `${s}.openapi.json`);
        if (service) return file(join(rootDir, OPENAPI_DIR, name), 'application/json');
        return {
          status: 404,
          headers: { 'content-type': 'text/plain; charset=utf-8' },
          body: `No ${name} in the API reference\n`,
        };
      },
    },
  ];
}
