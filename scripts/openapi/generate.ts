import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { readCompose } from '../../packages/packager/src/compose';
import { loadTemplate } from '../../packages/packager/src/template';
import { loadCatalogue } from '../contracts/catalogue';
import type { GeneratedFile, StaleFile } from '../contracts/generate';
import { serviceDocument } from './document';
import { routesOf, scopesOf } from './routes';

/** Where the documents live: one `<service>.openapi.json` per service with an HTTP API. */
export const OPENAPI_DIR = 'docs/openapi';

/** One service's document, with what it was made from. */
export interface ServiceDocument extends GeneratedFile {
  service: string;
  document: Record<string, unknown>;
  operations: number;
}

/**
 * The OpenAPI documents of every service of serverless-compose.yml that has HTTP routes, computed in memory from
 * the packaged templates (run `pnpm package` first; `pnpm openapi` does), the schemas and the handlers' source.
 */
export async function generateOpenApi(root: string): Promise<ServiceDocument[]> {
  const services = await readCompose(root);
  const catalogue = loadCatalogue(root);
  const platform = services.find((service) => service.name === 'platform');
  const scopes = platform ? scopesOf(await loadTemplate(platform.dir)) : {};
  const documents: ServiceDocument[] = [];
  for (const service of services) {
    const routes = routesOf(await loadTemplate(service.dir));
    if (routes.length === 0) continue;
    const document = serviceDocument({
      root,
      service: service.name,
      dir: service.dir,
      routes,
      catalogue,
      scopes,
    });
    documents.push({
      service: service.name,
      path: `${OPENAPI_DIR}/${service.name}.openapi.json`,
      content: `${JSON.stringify(document, null, 2)}\n`,
      document,
      operations: routes.length,
    });
  }
  return documents;
}

/** Documents on disk that differ from `files`, are missing, or that no service produces any more. */
export function findStaleDocuments(root: string, files: readonly GeneratedFile[]): StaleFile[] {
  const stale: StaleFile[] = [];
  for (const { path, content } of files) {
    const full = join(root, path);
    if (!existsSync(full)) stale.push({ path, problem: 'missing' });
    else if (readFileSync(full, 'utf8') !== content) stale.push({ path, problem: 'outdated' });
  }
  const expected = new Set(files.map((file) => file.path));
  const dir = join(root, OPENAPI_DIR);
  for (const name of existsSync(dir) ? readdirSync(dir) : []) {
    const path = `${OPENAPI_DIR}/${name}`;
    if (name.endsWith('.openapi.json') && !expected.has(path)) stale.push({ path, problem: 'unexpected' });
  }
  return stale;
}

/** Writes the documents that changed and removes those of services without routes; returns what changed. */
export function writeDocuments(root: string, files: readonly GeneratedFile[]): StaleFile[] {
  const stale = findStaleDocuments(root, files);
  for (const { path, problem } of stale) {
    const full = join(root, path);
    if (problem === 'unexpected') {
      rmSync(full);
      continue;
    }
    mkdirSync(dirname(full), { recursive: true });
    writeFileSync(full, files.find((file) => file.path === path)!.content);
  }
  return stale;
}
