import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import type { Middleware } from 'openapi-fetch';

/** The part of an OpenAPI 3.1 document the validator reads. */
export interface OpenApiDocument {
  paths: Record<
    string,
    Record<string, { responses?: Record<string, { content?: Record<string, unknown> }> }>
  >;
  [key: string]: unknown;
}

/** An answer that the documents do not describe. */
export class ResponseMismatchError extends Error {
  override readonly name = 'ResponseMismatchError';
}

const escapePointer = (token: string) => token.replaceAll('~', '~0').replaceAll('/', '~1');

interface Route {
  service: string;
  template: string;
  pattern: RegExp;
}

/**
 * Checks every answer an openapi-fetch client receives against the OpenAPI documents (ajv, draft 2020-12, the
 * dialect of OpenAPI 3.1): the status must be documented for the route, the content type too, and the body must
 * validate against its schema. A mismatch throws `ResponseMismatchError` from the call, so a test that receives
 * an undocumented answer fails. Node and test use: it carries ajv, which a browser bundle does not need.
 *
 * @example
 * const validator = createResponseValidator({ expenses: expensesDocument });
 * const api = createSpendwiseClient({ baseUrl, getToken, middleware: [validator.middleware] });
 */
export function createResponseValidator(documents: Record<string, OpenApiDocument>) {
  const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: true });
  addFormats(ajv);
  const routes: Route[] = [];
  for (const [service, document] of Object.entries(documents)) {
    ajv.addSchema(document, `https://openapi.spendwise.dev/${service}.json`);
    for (const template of Object.keys(document.paths)) {
      const pattern = new RegExp(`^${template.replace(/\{[^}]+\}/g, '[^/]+')}$`);
      routes.push({ service, template, pattern });
    }
  }
  // Templates without parameters first: /notifications/read-all is not /notifications/{id}.
  routes.sort((a, b) => a.template.split('{').length - b.template.split('{').length);
  const compiled = new Map<string, ValidateFunction>();
  const validatorAt = (service: string, pointer: string) => {
    const ref = `https://openapi.spendwise.dev/${service}.json#${pointer}`;
    let validate = compiled.get(ref);
    if (!validate) {
      validate = ajv.compile({ $ref: ref });
      compiled.set(ref, validate);
    }
    return validate;
  };
  const state = { checked: 0 };

  /** The problems of one answer with the documents (empty when it conforms). */
  function check(
    method: string,
    pathname: string,
    status: number,
    contentType: string,
    body: string,
  ): string[] {
    const route = routes.find((candidate) => candidate.pattern.test(pathname));
    const what = `${method} ${pathname} → ${status}`;
    if (!route) return [`${what}: no documented route matches ${pathname}`];
    const operation = documents[route.service]!.paths[route.template]![method.toLowerCase()];
    if (!operation) return [`${what}: ${method} ${route.template} is not documented`];
    const response = operation.responses?.[String(status)];
    if (!response) return [`${what}: status ${status} is not documented for ${method} ${route.template}`];
    const media = contentType.split(';')[0]!.trim().toLowerCase();
    if (!response.content)
      return body === '' ? [] : [`${what}: documented without a body, got ${media || 'a body'}`];
    if (!(media in response.content)) {
      return [
        `${what}: content type ${media || '(none)'} is not documented (${Object.keys(response.content).join(', ')})`,
      ];
    }
    let data: unknown;
    try {
      data = JSON.parse(body);
    } catch {
      return [`${what}: the ${media} body is not JSON`];
    }
    const pointer = [
      'paths',
      route.template,
      method.toLowerCase(),
      'responses',
      String(status),
      'content',
      media,
      'schema',
    ]
      .map(escapePointer)
      .join('/');
    const validate = validatorAt(route.service, `/${pointer}`);
    if (validate(data)) return [];
    return (validate.errors ?? []).map((error) => `${what}: ${error.instancePath || '/'} ${error.message}`);
  }

  const middleware: Middleware = {
    async onResponse({ request, response, options }) {
      const base = new URL(options.baseUrl);
      const url = new URL(request.url);
      const pathname = url.pathname.slice(base.pathname.replace(/\/$/, '').length) || '/';
      const body = await response.clone().text();
      const problems = check(
        request.method,
        pathname,
        response.status,
        response.headers.get('content-type') ?? '',
        body,
      );
      state.checked += 1;
      if (problems.length > 0) {
        throw new ResponseMismatchError(
          `The answer does not match the OpenAPI document:\n${problems.join('\n')}\n${body.slice(0, 2000)}`,
        );
      }
      return undefined;
    },
  };

  return {
    middleware,
    check,
    /** How many answers were checked so far. */
    get checked() {
      return state.checked;
    },
  };
}
