import type {
  APIGatewayProxyEventV2WithJWTAuthorizer,
  APIGatewayProxyStructuredResultV2,
  Context,
} from 'aws-lambda';

/** The API Gateway HTTP API (payload format 2.0) event behind a JWT authorizer. */
export type HttpEvent = APIGatewayProxyEventV2WithJWTAuthorizer;

/** The structured response every HTTP stack returns. */
export type HttpResponse = APIGatewayProxyStructuredResultV2;

/** One schema violation as ajv reports it (a structural subset of ajv's ErrorObject). */
export interface SchemaError {
  instancePath: string;
  keyword?: string;
  message?: string;
  params?: Record<string, unknown>;
}

/**
 * An ajv validate function, compiled at build time (standalone) or at cold start: a type guard that leaves its
 * violations in `.errors`.
 */
export interface Validator<T = unknown> {
  (data: unknown): data is T;
  errors?: SchemaError[] | null;
}

/** The caller, as the JWT authorizer established it. */
export interface Identity {
  userId: string;
  scopes: string[];
}

/** The Lambda context once the identity middleware has run (`identity` is taken: Cognito's, on Context). */
export interface HttpContext extends Context {
  caller?: Identity;
  correlationId?: string;
}

/** What a use case receives: validated input plus who is asking. */
export interface HttpRequest<B = undefined, Q = Record<string, string>, P = Record<string, string>> {
  userId: string;
  scopes: string[];
  body: B;
  query: Q;
  path: P;
  /** Lower-cased header names. */
  headers: Record<string, string | undefined>;
  requestId: string;
  correlationId: string;
  rawEvent: HttpEvent;
}

/** What a use case returns; the kit serialises `body` as JSON (and omits it for 204). */
export interface HttpResult {
  statusCode: number;
  body?: unknown;
  headers?: Record<string, string>;
}

/** One entry of a problem's `errors` list. */
export interface ProblemFieldError {
  path: string;
  message: string;
}

/** An RFC 9457 problem document as the kit renders it (plus any extension members). */
export interface ProblemDocument {
  [member: string]: unknown;
  type: string;
  title: string;
  status: number;
  code: string;
  detail: string;
  instance: string;
  errors?: ProblemFieldError[];
}
