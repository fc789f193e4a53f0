import { copyFileSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  apiReferencePage,
  documentedServices,
  OPENAPI_DIR,
  SCALAR_BUNDLE,
} from '../../packages/local-cloud/src/control/apiDocs';

/** Where `pnpm openapi:docs` writes the static API reference (git-ignored). */
export const DOCS_SITE_DIR = '.api-docs';

/**
 * Builds the API reference as static files in `outDir`: the page the local cloud serves at /_local/api-docs/,
 * Scalar's bundle and the documents of docs/openapi beside it. Returns the services.
 */
export async function buildDocsSite(root: string, outDir = join(root, DOCS_SITE_DIR)): Promise<string[]> {
  const services = await documentedServices(root);
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  copyFileSync(join(root, SCALAR_BUNDLE), join(outDir, 'standalone.js'));
  for (const service of services) {
    copyFileSync(join(root, OPENAPI_DIR, `${service}.openapi.json`), join(outDir, `${service}.openapi.json`));
  }
  writeFileSync(join(outDir, 'index.html'), apiReferencePage(services));
  return services;
}
