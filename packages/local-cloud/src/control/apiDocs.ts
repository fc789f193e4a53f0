import { readFile } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import type { AwsRequest, AwsResponse, LocalRoute } from '../core/protocol';

/** Folder (under the repository root) that `pnpm openapi:docs` writes the static API reference to. */
export const API_DOCS_DIR = '.api-docs';
/** Where the local cloud serves it on the AWS endpoint. */
export const API_DOCS_PATH = '/_local/api-docs/';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.json': 'application/json',
  '.css': 'text/css; charset=utf-8',
};

const text = (status: number, body: string): AwsResponse => ({
  status,
  headers: { 'content-type': 'text/plain; charset=utf-8' },
  body,
});

/**
 * `GET /_local/api-docs/…`: the API reference built by `pnpm openapi:docs` (Scalar over docs/openapi), as static
 * files, so a developer reads the APIs of the running system next to it. A top-level navigation passes the
 * endpoint's guard (Sec-Fetch-Site `none`), and the page's own requests are same-origin.
 */
export function apiDocsRoutes(rootDir: string): LocalRoute[] {
  const base = join(rootDir, API_DOCS_DIR);
  const serve = async (request: AwsRequest): Promise<AwsResponse> => {
    const relative = decodeURIComponent(request.path.slice(API_DOCS_PATH.length)) || 'index.html';
    const file = normalize(join(base, relative));
    if (!file.startsWith(base + sep)) return text(404, 'Not found\n');
    try {
      const body = await readFile(file);
      return {
        status: 200,
        headers: {
          'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
          'cache-control': 'no-cache',
        },
        body,
      };
    } catch {
      return text(
        404,
        `No ${relative} in ${API_DOCS_DIR}/: run \`pnpm openapi:docs\` to build the API reference\n`,
      );
    }
  };
  return [
    {
      method: 'GET',
      path: '/_local/api-docs',
      handle: async () => ({ status: 308, headers: { location: API_DOCS_PATH } }),
    },
    { method: 'GET', path: `${API_DOCS_PATH}*`, handle: serve },
  ];
}
