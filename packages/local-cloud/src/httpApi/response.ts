import type { HeaderMap } from './cors';

/** A response the local API writes to the socket. */
export interface ApiResponse {
  status: number;
  headers: HeaderMap;
  body: Buffer;
}

/** Thrown when a function's answer cannot be read as a payload 2.0 response; API Gateway answers 500. */
export class MalformedResponseError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MalformedResponseError';
  }
}

/** API Gateway's own JSON error answer, e.g. 401 `{"message":"Unauthorized"}`. */
export const gatewayError = (status: number, message: string, headers: HeaderMap = {}): ApiResponse => ({
  status,
  headers: { 'content-type': 'application/json', ...headers },
  body: Buffer.from(JSON.stringify({ message })),
});

/**
 * Reads a function's result as payload format 2.0 does: an object with `statusCode` is a structured response
 * (headers, cookies → `set-cookie`, body, isBase64Encoded); anything else is a 200 `application/json` whose body
 * is the result (a string as is, any other value as JSON). `multiValueHeaders` does not exist in 2.0.
 */
export function responseOf(result: unknown): ApiResponse {
  if (!isStructured(result)) {
    const body = typeof result === 'string' ? result : JSON.stringify(result ?? null);
    return { status: 200, headers: { 'content-type': 'application/json' }, body: Buffer.from(body) };
  }
  const status = Number(result.statusCode);
  if (!Number.isInteger(status) || status < 100 || status > 599) {
    throw new MalformedResponseError(`statusCode ${String(result.statusCode)} is not an HTTP status`);
  }
  if (result.body !== undefined && result.body !== null && typeof result.body !== 'string') {
    throw new MalformedResponseError('body must be a string');
  }
  const body = result.body ?? '';
  return {
    status,
    headers: headersOf(result.headers, result.cookies),
    body: Buffer.from(body, result.isBase64Encoded === true ? 'base64' : 'utf8'),
  };
}

interface StructuredResult {
  statusCode: unknown;
  headers?: unknown;
  cookies?: unknown;
  body?: unknown;
  isBase64Encoded?: unknown;
}

const isStructured = (result: unknown): result is StructuredResult =>
  typeof result === 'object' && result !== null && !Array.isArray(result) && 'statusCode' in result;

function headersOf(headers: unknown, cookies: unknown): HeaderMap {
  const out: HeaderMap = {};
  if (headers && typeof headers === 'object') {
    for (const [name, value] of Object.entries(headers)) {
      if (value !== null && value !== undefined) out[name.toLowerCase()] = String(value);
    }
  }
  if (Array.isArray(cookies) && cookies.length > 0) {
    const own = out['set-cookie'];
    out['set-cookie'] = [...(own === undefined ? [] : [String(own)]), ...cookies.map(String)];
  }
  return out;
}
