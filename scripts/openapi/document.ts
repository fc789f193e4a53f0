import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Catalogue, HttpSchema } from '../contracts/catalogue';
import { isResponseSchema } from '../contracts/generate';
import type { JsonSchema } from '../contracts/schemaWalk';
import { Components } from './components';
import { type HandlerFacts, handlerFacts, type ProblemFact } from './handlerFacts';
import type { Route } from './routes';

/** `$id` of the problem+json schema (lambda-kit renders every error with it). */
export const PROBLEM_SCHEMA_ID =
  'https://schemas.spendwise.dev/packages/lambda-kit/src/http/schemas/Problem.schema.json';
export const PROBLEM_SCHEMA_FILE = 'packages/lambda-kit/src/http/schemas/Problem.schema.json';
const KIT_HTTP_DIR = 'packages/lambda-kit/src/http';

export interface ServiceInput {
  root: string;
  /** Compose name: `expenses`. */
  service: string;
  /** Absolute directory of the service. */
  dir: string;
  routes: Route[];
  catalogue: Catalogue;
  /** Scope → description, from the platform's user pool resource server. */
  scopes: Record<string, string>;
}

type Json = Record<string, unknown>;

const STATUS_TEXT: Record<number, string> = {
  200: 'OK',
  201: 'Created',
  202: 'Accepted',
  204: 'No Content',
  304: 'Not Modified: the representation you hold (If-None-Match) is current',
};

const header = (description: string, schema: JsonSchema = { type: 'string' }) => ({ description, schema });

/** Headers and parameters every document shares, referred to by name. */
const SHARED = {
  headers: {
    CorrelationId: header(
      'Correlation id of the request (sent back as received in x-correlation-id, or new)',
    ),
    ETag: header(
      'Strong entity tag of the representation: send it in If-Match to change it, If-None-Match to re-read',
    ),
    Location: header('Path of the resource created or to poll'),
    IdempotentReplayed: header(
      'true when this is the stored answer to an earlier request with the same Idempotency-Key',
      {
        type: 'string',
        const: 'true',
      },
    ),
    RetryAfter: header('Seconds to wait before retrying', { type: 'string', pattern: '^[0-9]+$' }),
    CacheControl: header('How the client may keep the answer'),
  },
  parameters: {
    IfMatch: {
      name: 'If-Match',
      in: 'header',
      description:
        'The ETag of the version you read: the change applies only to that version (412 otherwise)',
      schema: { type: 'string', pattern: '^"[1-9][0-9]{0,9}"$' },
    },
    IfNoneMatch: {
      name: 'If-None-Match',
      in: 'header',
      required: false,
      description: 'The ETag you hold: 304 without a body while it is still current',
      schema: { type: 'string' },
    },
  },
};

/** The body API Gateway's JWT authorizer answers with before any function runs. */
const GATEWAY_ERROR: JsonSchema & { title: string } = {
  title: 'GatewayError',
  description: "API Gateway's own answer (e.g. the JWT authorizer's 401), before the service's code runs",
  type: 'object',
  required: ['message'],
  properties: { message: { type: 'string' } },
};

function responseSchemaFor(schemas: readonly HttpSchema[], functionName: string): HttpSchema | undefined {
  const matches = schemas.filter(
    (schema) =>
      isResponseSchema(schema) &&
      ((schema.schema['x-spendwise'] as { responseOf?: string[] } | undefined)?.responseOf ?? []).includes(
        functionName,
      ),
  );
  if (matches.length > 1)
    throw new Error(`${functionName}: more than one response schema names it in x-spendwise.responseOf`);
  return matches[0];
}

function parametersFrom(
  components: Components,
  catalogue: Catalogue,
  id: string,
  where: 'path' | 'query',
): Json[] {
  const file = catalogue.byId.get(id);
  if (!file) throw new Error(`No schema ${id}`);
  const required = new Set((file.schema.required as string[] | undefined) ?? []);
  const properties = (file.schema.properties ?? {}) as Record<string, JsonSchema>;
  return Object.entries(properties).map(([name, schema]) => ({
    name,
    in: where,
    required: where === 'path' || required.has(name),
    ...(typeof schema.description === 'string' ? { description: schema.description } : {}),
    schema: components.inline(schema, id),
  }));
}

function problemResponses(facts: HandlerFacts, components: Components): Record<string, Json> {
  const byStatus = new Map<number, ProblemFact[]>();
  for (const problem of facts.problems)
    byStatus.set(problem.status, [...(byStatus.get(problem.status) ?? []), problem]);
  const problem = components.refTo(PROBLEM_SCHEMA_ID);
  const responses: Record<string, Json> = {};
  for (const [status, problems] of [...byStatus.entries()].sort(([a], [b]) => a - b)) {
    const codes = problems.map((p) => p.code);
    const retry = facts.sets.retryAfter && [409, 429, 503].includes(status);
    responses[String(status)] = {
      description: `Problem: ${codes.map((code) => `\`${code}\``).join(', ')}`,
      headers: {
        'x-correlation-id': { $ref: '#/components/headers/CorrelationId' },
        ...(retry ? { 'Retry-After': { $ref: '#/components/headers/RetryAfter' } } : {}),
      },
      content: {
        'application/problem+json': {
          schema: { allOf: [problem, { type: 'object', properties: { code: { enum: codes } } }] },
        },
        ...(status === 401
          ? {
              'application/json': {
                schema: { $ref: `#/components/schemas/${components.named(GATEWAY_ERROR)}` },
              },
            }
          : {}),
      },
    };
  }
  return responses;
}

function successResponses(
  route: Route,
  facts: HandlerFacts,
  components: Components,
  responseSchema: HttpSchema | undefined,
): Record<string, Json> {
  const responses: Record<string, Json> = {};
  for (const status of facts.statuses) {
    const bodiless = status === 204 || status === 304;
    if (!bodiless && !responseSchema) {
      throw new Error(
        `${route.functionName} answers ${status} with a body, but no *Response schema names it in x-spendwise.responseOf`,
      );
    }
    const headers: Json = { 'x-correlation-id': { $ref: '#/components/headers/CorrelationId' } };
    if (facts.sets.etag && status !== 204) headers.ETag = { $ref: '#/components/headers/ETag' };
    if (facts.sets.location && !bodiless) headers.Location = { $ref: '#/components/headers/Location' };
    if (facts.sets.idempotentReplayed && status === 201)
      headers['Idempotent-Replayed'] = { $ref: '#/components/headers/IdempotentReplayed' };
    if (facts.sets.cacheControl && !bodiless)
      headers['Cache-Control'] = { $ref: '#/components/headers/CacheControl' };
    responses[String(status)] = {
      description: STATUS_TEXT[status] ?? String(status),
      headers,
      ...(bodiless || !responseSchema
        ? {}
        : { content: { 'application/json': { schema: components.refTo(responseSchema.id) } } }),
    };
  }
  return responses;
}

function idempotencyKeyParameter(source: string): Json {
  const pattern = /const IDEMPOTENCY_KEY = \/(.+)\/;/.exec(source)?.[1];
  return {
    name: 'Idempotency-Key',
    in: 'header',
    required: false,
    description:
      'A key you choose per logical request: a retry with the same key and body gets the first answer again (Idempotent-Replayed: true) instead of a second resource',
    schema: { type: 'string', ...(pattern ? { pattern } : {}) },
  };
}

const tagOf = (path: string) => path.split('/')[1] ?? 'api';

/** The OpenAPI 3.1 document of one service, from its packaged routes, its schemas and its handlers' source. */
export function serviceDocument(input: ServiceInput): Json {
  const { root, service, dir, routes, catalogue, scopes } = input;
  const byId = new Map(catalogue.byId);
  byId.set(PROBLEM_SCHEMA_ID, {
    file: PROBLEM_SCHEMA_FILE,
    id: PROBLEM_SCHEMA_ID,
    schema: JSON.parse(readFileSync(join(root, PROBLEM_SCHEMA_FILE), 'utf8')),
  });
  const components = new Components(byId);
  const schemas = catalogue.http.filter((schema) => schema.service === service);
  const idOf = (title: string) => {
    const schema = schemas.find((s) => s.typeName === title);
    if (!schema) throw new Error(`${service}: no schema titled ${title} in src/http/schemas`);
    return schema.id;
  };
  const paths: Record<string, Json> = {};
  const usedScopes = new Set<string>();
  for (const route of routes) {
    const functionDir = join(dir, route.functionDir);
    const facts = handlerFacts(root, functionDir, join(dir, 'src'), join(root, KIT_HTTP_DIR));
    const responseSchema = responseSchemaFor(schemas, route.functionName);
    const parameters: Json[] = [
      ...(facts.path ? parametersFrom(components, catalogue, idOf(facts.path), 'path') : []),
      ...(facts.query ? parametersFrom(components, catalogue, idOf(facts.query), 'query') : []),
    ];
    const declared = new Set(parameters.filter((p) => p.in === 'path').map((p) => p.name));
    for (const [, name] of route.path.matchAll(/\{([^}]+)\}/g)) {
      if (!declared.has(name!))
        throw new Error(`${route.method.toUpperCase()} ${route.path}: no path schema declares {${name}}`);
    }
    if (facts.reads.idempotencyKey) {
      parameters.push(
        idempotencyKeyParameter([...facts.files].map((f) => readFileSync(join(root, f), 'utf8')).join('\n')),
      );
    }
    if (facts.reads.ifMatch) {
      parameters.push({ ...SHARED.parameters.IfMatch, required: facts.reads.ifMatchRequired });
    }
    if (facts.reads.ifNoneMatch) parameters.push({ $ref: '#/components/parameters/IfNoneMatch' });
    for (const scope of route.scopes) usedScopes.add(scope);
    const words = route.functionName.replace(/([A-Z])/g, ' $1').toLowerCase();
    const summary = route.description.split(/(?<=[.;])\s|\s-\s/)[0] || words;
    paths[route.path] ??= {};
    paths[route.path]![route.method] = {
      operationId: route.functionName,
      summary: summary.charAt(0).toUpperCase() + summary.slice(1),
      ...(route.description ? { description: route.description } : {}),
      tags: [tagOf(route.path)],
      security: [{ cognito: route.scopes }],
      ...(parameters.length ? { parameters } : {}),
      ...(facts.body
        ? {
            requestBody: {
              required: true,
              content: { 'application/json': { schema: components.refTo(idOf(facts.body)) } },
            },
          }
        : {}),
      responses: {
        ...successResponses(route, facts, components, responseSchema),
        ...problemResponses(facts, components),
      },
    };
  }
  const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { description?: string };
  // Only the shared headers and parameters this document refers to (an unused component is a lint error).
  const text = JSON.stringify(paths);
  const used = <T>(kind: string, all: Record<string, T>) =>
    Object.fromEntries(
      Object.entries(all).filter(([name]) => text.includes(`"#/components/${kind}/${name}"`)),
    );
  const tags = [...new Set(routes.map((route) => tagOf(route.path)))];
  return {
    openapi: '3.1.0',
    info: {
      title: `Spendwise ${service} API`,
      // The routes carry no version: this is the first.
      version: '1.0.0',
      summary: pkg.description,
      description: [
        `Generated by \`pnpm openapi\` from the packaged template of services/${service} (routes and scopes), the JSON Schemas in its src/http/schemas and its handlers' source (statuses, headers, problem codes). Do not edit.`,
        '',
        'Errors are `application/problem+json` (RFC 9457) with a stable `code`; field errors in `errors[]`.',
      ].join('\n'),
      license: { name: 'UNLICENSED', identifier: 'UNLICENSED' },
    },
    servers: [
      {
        url: '{origin}/api',
        description: 'Through the web origin: CloudFront on AWS, the local edge of `pnpm start` locally',
        variables: { origin: { default: 'http://localhost:3000' } },
      },
      {
        url: 'https://{apiId}.execute-api.{region}.amazonaws.com',
        description: 'The HTTP API directly (refused without the origin secret where one is configured)',
        variables: { apiId: { default: 'your-api-id' }, region: { default: 'eu-west-1' } },
      },
    ],
    tags: tags.map((name) => ({ name, description: `${name} routes of the ${service} service` })),
    paths,
    components: {
      schemas: components.schemas,
      headers: used('headers', SHARED.headers),
      parameters: used('parameters', SHARED.parameters),
      securitySchemes: {
        cognito: {
          type: 'oauth2',
          description:
            'Cognito user pool of the platform service, authorization code + PKCE. Locally the issuer is the local user pool (`.local-cloud/endpoints.json`), whose authorize page mints a token for a user name. Only access tokens are accepted.',
          flows: {
            authorizationCode: {
              authorizationUrl:
                'https://spendwise-dev-ACCOUNT.auth.eu-west-1.amazoncognito.com/oauth2/authorize',
              tokenUrl: 'https://spendwise-dev-ACCOUNT.auth.eu-west-1.amazoncognito.com/oauth2/token',
              scopes: Object.fromEntries(
                Object.entries(scopes).filter(
                  ([scope]) => usedScopes.has(scope) || scope.startsWith(`spendwise/${service}.`),
                ),
              ),
            },
          },
        },
      },
    },
  };
}
