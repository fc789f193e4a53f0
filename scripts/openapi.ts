/**
 * `pnpm openapi`: packages the services (cached) and writes one OpenAPI 3.1 document per service with an HTTP API
 * to docs/openapi/, generated from the packaged templates, the JSON Schemas and the handlers (see docs/api.md).
 */
import { fileURLToPath } from 'node:url';
import { packageServices } from '../packages/packager/src/index';
import { CLIENT_TYPES_DIR, generateClientTypes } from './openapi/clientTypes';
import { writeGeneratedFiles } from './openapi/files';
import { generateOpenApi, writeDocuments } from './openapi/generate';

const root = fileURLToPath(new URL('..', import.meta.url));
// --no-package: the templates are already packaged (CI runs `pnpm package` first).
if (!process.argv.includes('--no-package')) await packageServices({ rootDir: root });
const documents = await generateOpenApi(root);
const changed = writeDocuments(root, documents);
for (const { path, operations, content } of documents) {
  console.log(`${path}: ${operations} operations, ${(Buffer.byteLength(content) / 1024).toFixed(1)} KiB`);
}
console.log(
  changed.length === 0
    ? 'openapi: already up to date'
    : `openapi: updated ${changed.map((f) => f.path).join(', ')}`,
);
// The client's types come from the documents just written.
const types = writeGeneratedFiles(root, CLIENT_TYPES_DIR, await generateClientTypes(root));
console.log(
  types.length === 0
    ? `client: ${CLIENT_TYPES_DIR} already up to date`
    : `client: updated ${types.join(', ')}`,
);
