/** `pnpm openapi:docs`: builds the API reference (Scalar over docs/openapi) as static files in .api-docs/. */
import { fileURLToPath } from 'node:url';
import { buildDocsSite, DOCS_SITE_DIR } from './openapi/docsSite';

const root = fileURLToPath(new URL('..', import.meta.url));
const services = buildDocsSite(root);
console.log(
  `API reference of ${services.join(', ')} in ${DOCS_SITE_DIR}/ (open ${DOCS_SITE_DIR}/index.html through a web server, or GET /_local/api-docs/ while pnpm start runs)`,
);
