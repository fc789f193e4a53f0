import { copyFileSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { OPENAPI_DIR } from './generate';

/** Where `pnpm openapi:docs` writes the static API reference (git-ignored). */
export const DOCS_SITE_DIR = '.api-docs';

const SCALAR_BUNDLE = 'standalone.js';

const page = (services: string[]) => `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>Spendwise API reference</title>
  </head>
  <body>
    <div id="app"></div>
    <!-- Scalar's standalone bundle, copied from node_modules: the page works offline (no CDN, no web fonts). -->
    <script src="./${SCALAR_BUNDLE}"></script>
    <script>
      Scalar.createApiReference('#app', {
        sources: ${JSON.stringify(
          services.map((service) => ({
            title: `Spendwise ${service}`,
            slug: service,
            url: `./${service}.openapi.json`,
          })),
        )},
        withDefaultFonts: false,
        telemetry: false,
        hideClientButton: true,
        showDeveloperTools: 'never',
      });
    </script>
  </body>
</html>
`;

/**
 * Builds the API reference as static files in `outDir`: an index.html running Scalar over the committed documents
 * of docs/openapi (one source per service), Scalar's bundle and the documents beside it. Returns the services.
 */
export function buildDocsSite(root: string, outDir = join(root, DOCS_SITE_DIR)): string[] {
  const documents = readdirSync(join(root, OPENAPI_DIR))
    .filter((name) => name.endsWith('.openapi.json'))
    .sort();
  const services = documents.map((name) => name.replace('.openapi.json', ''));
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  // The package exports no path to its browser bundle: it is a devDependency of the root, so read it there.
  const scalar = join(root, 'node_modules/@scalar/api-reference/dist/browser', SCALAR_BUNDLE);
  copyFileSync(scalar, join(outDir, SCALAR_BUNDLE));
  for (const name of documents) copyFileSync(join(root, OPENAPI_DIR, name), join(outDir, name));
  // The order of the sources: the one a person looks for first.
  const order = ['expenses', 'catalog', 'insights', 'notifications'];
  services.sort((a, b) => (order.indexOf(a) + 1 || 99) - (order.indexOf(b) + 1 || 99));
  writeFileSync(join(outDir, 'index.html'), page(services));
  return services;
}
