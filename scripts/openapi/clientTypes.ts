import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import openapiTS, { astToString } from 'openapi-typescript';
import type { GeneratedFile } from '../contracts/generate';
import { OPENAPI_DIR } from './generate';

/** Where the client's types are generated: one module per service document. */
export const CLIENT_TYPES_DIR = 'packages/client/src/generated';

/**
 * The TypeScript types of every document in docs/openapi (openapi-typescript), one module per service, computed
 * in memory; `pnpm openapi` writes them and a test shows they are up to date.
 */
export async function generateClientTypes(root: string): Promise<GeneratedFile[]> {
  const documents = readdirSync(join(root, OPENAPI_DIR))
    .filter((name) => name.endsWith('.openapi.json'))
    .sort();
  return Promise.all(
    documents.map(async (name) => {
      const service = name.replace('.openapi.json', '');
      const document = JSON.parse(readFileSync(join(root, OPENAPI_DIR, name), 'utf8'));
      const types = astToString(await openapiTS(document, { alphabetize: true }));
      return {
        path: `${CLIENT_TYPES_DIR}/${service}.ts`,
        content: `// Generated from ${OPENAPI_DIR}/${name} by \`pnpm openapi\` (openapi-typescript). Do not edit.\n${types}`,
      };
    }),
  );
}
