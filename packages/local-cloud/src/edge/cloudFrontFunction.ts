import * as crypto from 'node:crypto';
import * as querystring from 'node:querystring';
import { createContext, Script } from 'node:vm';
import type { FunctionDef } from './model';

/** A header, query parameter or cookie in the CloudFront Functions event shape. */
export interface CfValue {
  value: string;
  multiValue?: { value: string }[];
  attributes?: string;
}
export type CfMap = Record<string, CfValue>;

export interface CfRequest {
  method: string;
  uri: string;
  querystring: CfMap;
  headers: CfMap;
  cookies: CfMap;
}

export interface CfResponse {
  statusCode: number;
  statusDescription?: string;
  headers: CfMap;
  cookies: CfMap;
  body?: { data: string; encoding?: 'text' | 'base64' } | string;
}

export interface CfEvent {
  version: '1.0';
  context: { distributionDomainName: string; distributionId: string; eventType: string; requestId: string };
  viewer: { ip: string };
  request: CfRequest;
  response?: CfResponse;
}

/** Thrown when a function throws (CloudFront answers 503) or returns a bad value (502). */
export class FunctionFailedError extends Error {
  constructor(
    readonly status: 502 | 503,
    message: string,
  ) {
    super(message);
    this.name = 'FunctionFailedError';
  }
}

const MODULES: Record<string, unknown> = { crypto, querystring };

/**
 * A CloudFront Function (`FunctionCode` of the template) loaded in its own `node:vm` context, called with
 * the cloudfront-js-2.0 event. Its globals are the runtime's (console, Buffer, `require('crypto')` and
 * `require('querystring')`), not the local cloud's.
 */
export class CloudFrontFunction {
  private readonly context: Record<string, unknown>;
  private readonly call = new Script('handler(__event)', { filename: 'cloudfront-function-call.js' });

  constructor(
    readonly def: FunctionDef,
    log: (line: string) => void,
  ) {
    const print = (...args: unknown[]) => log(`${def.name}: ${args.map(String).join(' ')}`);
    this.context = createContext({
      console: { log: print, info: print, warn: print, error: print, debug: print },
      Buffer,
      require: (name: string) => {
        const found = MODULES[name];
        if (!found) throw new Error(`Cannot find module '${name}'`);
        return found;
      },
    });
    new Script(def.code, { filename: `${def.name}.js` }).runInContext(this.context, { timeout: 1000 });
    if (typeof this.context.handler !== 'function') {
      throw new Error(`CloudFront function ${def.name} defines no function handler(event)`);
    }
  }

  /** Runs the handler; resolves with what it returned (a request or a response). */
  async run(event: CfEvent): Promise<unknown> {
    this.context.__event = event;
    try {
      // No `timeout` per call: Node's vm starts a watchdog thread for it, about 1 ms per request, most of the
      // edge's own latency. A function that never returns therefore hangs the local edge (its top level, run
      // once at load, is still bounded); CloudFront would stop it after its 1 ms compute budget.
      const result = this.call.runInContext(this.context);
      return await result;
    } catch (error) {
      throw new FunctionFailedError(
        503,
        `CloudFront function ${this.def.name} failed: ${error instanceof Error ? error.message : String(error)}`,
      );
    } finally {
      this.context.__event = undefined;
    }
  }
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** True when a viewer-request function answered the viewer itself instead of returning the request. */
export const isResponse = (value: unknown): value is CfResponse => isObject(value) && 'statusCode' in value;

/** Checks a returned request as CloudFront does; a bad one is a 502 (FunctionValidationError). */
export function validRequest(value: unknown, name: string): CfRequest {
  if (!isObject(value) || typeof value.uri !== 'string' || !value.uri.startsWith('/')) {
    throw new FunctionFailedError(502, `CloudFront function ${name} returned an invalid request (uri)`);
  }
  return {
    method: typeof value.method === 'string' ? value.method : 'GET',
    uri: value.uri,
    querystring: isObject(value.querystring) ? (value.querystring as CfMap) : {},
    headers: isObject(value.headers) ? (value.headers as CfMap) : {},
    cookies: isObject(value.cookies) ? (value.cookies as CfMap) : {},
  };
}

/** Checks a returned response; a bad one is a 502. */
export function validResponse(value: unknown, name: string): CfResponse {
  const status = isObject(value) ? Number(value.statusCode) : Number.NaN;
  if (!isObject(value) || !Number.isInteger(status) || status < 100 || status > 599) {
    throw new FunctionFailedError(
      502,
      `CloudFront function ${name} returned an invalid response (statusCode)`,
    );
  }
  return {
    statusCode: status,
    ...(typeof value.statusDescription === 'string' ? { statusDescription: value.statusDescription } : {}),
    headers: isObject(value.headers) ? (value.headers as CfMap) : {},
    cookies: isObject(value.cookies) ? (value.cookies as CfMap) : {},
    ...(value.body !== undefined ? { body: value.body as CfResponse['body'] } : {}),
  };
}

/** Header lines (lower-case names, repeated values as a list) → the event's map. */
export function toCfMap(entries: Iterable<[string, string]>): CfMap {
  const map: CfMap = {};
  for (const [name, value] of entries) {
    const existing = map[name];
    if (!existing) map[name] = { value };
    else existing.multiValue = [...(existing.multiValue ?? [{ value: existing.value }]), { value }];
  }
  return map;
}

/** The event's map → lines, every value of a `multiValue`. */
export function fromCfMap(map: CfMap, lowerCase = true): [string, string][] {
  const out: [string, string][] = [];
  for (const [name, entry] of Object.entries(map)) {
    if (!entry) continue;
    const values = entry.multiValue?.length ? entry.multiValue.map((item) => item.value) : [entry.value];
    for (const value of values) out.push([lowerCase ? name.toLowerCase() : name, String(value)]);
  }
  return out;
}

/** The raw query string → the event's map (values left as sent, still percent-encoded, as CloudFront does). */
export function queryToCf(rawQueryString: string): CfMap {
  if (rawQueryString === '') return {};
  return toCfMap(
    rawQueryString
      .split('&')
      .filter(Boolean)
      .map((pair) => {
        const at = pair.indexOf('=');
        return (at < 0 ? [pair, ''] : [pair.slice(0, at), pair.slice(at + 1)]) as [string, string];
      }),
  );
}

/** The event's query map (or a string a function set) → a raw query string. */
export function cfToQuery(querystringValue: CfMap | string): string {
  if (typeof querystringValue === 'string') return querystringValue.replace(/^\?/, '');
  return Object.entries(querystringValue)
    .flatMap(([name, entry]) =>
      (entry?.multiValue?.length ? entry.multiValue.map((item) => item.value) : [entry?.value ?? '']).map(
        (value) => (value === '' ? name : `${name}=${value}`),
      ),
    )
    .join('&');
}

/** `Cookie` header → the event's cookie map. */
export function cookiesToCf(header: string | undefined): CfMap {
  if (!header) return {};
  return toCfMap(
    header
      .split(';')
      .map((part) => part.trim())
      .filter(Boolean)
      .map((part) => {
        const at = part.indexOf('=');
        return (at < 0 ? [part, ''] : [part.slice(0, at), part.slice(at + 1)]) as [string, string];
      }),
  );
}

/** The event's cookie map → a `Cookie` header value (undefined when empty). */
export function cfToCookieHeader(cookies: CfMap): string | undefined {
  const pairs = fromCfMap(cookies, false).map(([name, value]) => `${name}=${value}`);
  return pairs.length > 0 ? pairs.join('; ') : undefined;
}
