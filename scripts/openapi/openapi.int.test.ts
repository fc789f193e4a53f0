import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from '@jest/globals';
import { readCompose } from '../../packages/packager/src/compose';
import { packageServices } from '../../packages/packager/src/packageServices';
import { loadTemplate } from '../../packages/packager/src/template';
import { findStaleDocuments, generateOpenApi, OPENAPI_DIR } from './generate';

// The packaged templates are what a deploy (and the local cloud) creates: packaged here as `pnpm package` does
// (cached, so fast when nothing changed).
const root = fileURLToPath(new URL('../..', import.meta.url));
const services = await readCompose(root);

beforeAll(async () => {
  await packageServices({ rootDir: root });
}, 600_000);

type Operation = { security?: { cognito?: string[] }[]; operationId?: string };
const documentOf = (service: string) =>
  JSON.parse(readFileSync(join(root, OPENAPI_DIR, `${service}.openapi.json`), 'utf8')) as {
    paths: Record<string, Record<string, Operation>>;
  };

describe('OpenAPI documents', () => {
  it('are what `pnpm openapi` writes from the templates, schemas and handlers now', async () => {
    const documents = await generateOpenApi(root);

    expect(findStaleDocuments(root, documents)).toEqual([]);
  });

  it.each(services.map((service) => [service.name, service.dir]))(
    'the %s document has every route of its packaged template, with its scopes',
    async (name, dir) => {
      const routes = Object.values((await loadTemplate(dir)).Resources)
        .filter((resource) => resource.Type === 'AWS::ApiGatewayV2::Route')
        .map((route) => {
          const [method, path] = String(route.Properties?.RouteKey).split(' ');
          return {
            method: method!.toLowerCase(),
            path: path!,
            scopes: route.Properties?.AuthorizationScopes,
          };
        });
      if (routes.length === 0) {
        expect(existsSync(join(root, OPENAPI_DIR, `${name}.openapi.json`))).toBe(false);
        return;
      }

      const document = documentOf(name);
      const found = routes.map(({ method, path }) => ({
        method,
        path,
        scopes: document.paths[path]?.[method]?.security?.[0]?.cognito,
      }));
      const operations = Object.values(document.paths).flatMap((ops) => Object.keys(ops));

      expect(found).toEqual(routes);
      expect(operations).toHaveLength(routes.length);
    },
  );

  it('name every operation uniquely across the services (the client calls them by operationId)', () => {
    const ids = services
      .filter((service) => service.name !== 'platform')
      .flatMap((service) =>
        Object.values(documentOf(service.name).paths).flatMap((ops) =>
          Object.values(ops).map((op) => op.operationId),
        ),
      );

    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.length).toBeGreaterThanOrEqual(25);
  });
});
