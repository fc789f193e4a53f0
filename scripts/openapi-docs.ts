/** `pnpm openapi:docs`: builds the API reference (Scalar over docs/openapi) as static files in .api-docs/. */
import { fileURLToPath } from 'node:url';
import { buildDocsSite, DOCS_SITE_DIR } from './openapi/docsSite';

const root = fileURLToPath(new URL('..', import.meta.url));
const services = await buildDocsSite(root);
console.log(
  `API reference of ${services.join(', ')} in ${DOCS_SITE_DIR}/ (serve the folder with any static web server; pnpm start serves the same page at /_local/api-docs/)`,
);
