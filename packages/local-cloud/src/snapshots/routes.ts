import { AwsApiError } from '../core/errors';
import type { AwsRequest, AwsResponse, LocalRoute } from '../core/protocol';
import type { LocalSnapshots } from './snapshots';

const json = (body: unknown, status = 200): AwsResponse => ({
  status,
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(body),
});

/** A JSON object body (`{}` when empty); application/json only, like every control API POST. */
function bodyOf(request: AwsRequest): Record<string, unknown> {
  const mediaType = (request.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
  if (mediaType !== 'application/json')
    throw new AwsApiError(415, 'UnsupportedMediaType', 'The control API takes application/json bodies only');
  if (request.body.length === 0) return {};
  let body: unknown;
  try {
    body = JSON.parse(request.body.toString('utf8'));
  } catch {
    throw new AwsApiError(400, 'InvalidRequest', 'The body must be JSON');
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    throw new AwsApiError(400, 'InvalidRequest', 'The body must be a JSON object');
  return body as Record<string, unknown>;
}

function optionalString(body: Record<string, unknown>, name: string): string | undefined {
  const value = Object.hasOwn(body, name) ? body[name] : undefined;
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || value === '')
    throw new AwsApiError(400, 'InvalidRequest', `"${name}" must be a non-empty string`);
  return value;
}

function optionalStrings(body: Record<string, unknown>, name: string): string[] | undefined {
  const value = Object.hasOwn(body, name) ? body[name] : undefined;
  if (value === undefined) return undefined;
  if (!Array.isArray(value) || value.some((item) => typeof item !== 'string' || item === ''))
    throw new AwsApiError(400, 'InvalidRequest', `"${name}" must be an array of table names`);
  return value as string[];
}

function only(body: Record<string, unknown>, accepted: string[]): Record<string, unknown> {
  const unknown = Object.keys(body).filter((key) => !accepted.includes(key));
  if (unknown.length > 0) throw new AwsApiError(400, 'InvalidRequest', `Unknown field "${unknown[0]}"`);
  return body;
}

function refuseQuery(request: AwsRequest): void {
  const [name] = [...request.query.keys()];
  if (name !== undefined) throw new AwsApiError(400, 'InvalidRequest', `Unknown query parameter "${name}"`);
}

const PREFIX = '/_local/snapshots/';

/**
 * The control API of snapshots: `GET /_local/snapshots` (list), `POST /_local/snapshots` `{name?}` (create),
 * `GET /_local/snapshots/<name>` (its manifest), `POST /_local/snapshots/<name>/restore` `{suffix?, tables?}`.
 */
export function snapshotRoutes(snapshots: LocalSnapshots): LocalRoute[] {
  const route = (method: string, path: string, handle: (request: AwsRequest) => Promise<AwsResponse>) => ({
    method,
    path,
    handle: (request: AwsRequest) => {
      refuseQuery(request);
      return handle(request);
    },
  });
  return [
    route('GET', '/_local/snapshots', async () => json({ snapshots: await snapshots.list() })),
    route('POST', '/_local/snapshots', async (request) => {
      const name = optionalString(only(bodyOf(request), ['name']), 'name');
      return json(await snapshots.create(name), 201);
    }),
    route('POST', '/_local/snapshots/*', async (request) => {
      const rest = request.path.slice(PREFIX.length).split('/');
      if (rest.length !== 2 || rest[1] !== 'restore')
        throw new AwsApiError(404, 'NotFound', 'POST /_local/snapshots/<name>/restore');
      const body = only(bodyOf(request), ['suffix', 'tables']);
      const suffix = optionalString(body, 'suffix');
      const tables = optionalStrings(body, 'tables');
      return json(
        await snapshots.restore(decodeURIComponent(rest[0] as string), {
          ...(suffix ? { suffix } : {}),
          ...(tables ? { tables } : {}),
        }),
      );
    }),
    route('GET', '/_local/snapshots/*', async (request) =>
      json(await snapshots.describe(decodeURIComponent(request.path.slice(PREFIX.length)))),
    ),
  ];
}
