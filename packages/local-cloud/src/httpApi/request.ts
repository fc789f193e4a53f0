/** One HTTP request as the local API received it, before routing. */
export interface ApiRequest {
  method: string;
  /** Path as received, still percent-encoded, without the query string. */
  rawPath: string;
  rawQueryString: string;
  /** Lower-case names; repeated headers joined with ',' as payload 2.0 does. */
  headers: Record<string, string>;
  body: Buffer;
  /** The body exceeded the 10 MB payload quota (and was not kept). */
  oversized?: boolean;
  sourceIp: string;
  /** e.g. `HTTP/1.1`. */
  protocol: string;
  receivedAt: Date;
}

/** Lower-cases header names and joins repeated headers with ',' (Node's `rawHeaders` keeps every line). */
export function headersOf(rawHeaders: string[]): Record<string, string> {
  const headers: Record<string, string> = {};
  for (let i = 0; i + 1 < rawHeaders.length; i += 2) {
    const name = rawHeaders[i]!.toLowerCase();
    const value = rawHeaders[i + 1]!;
    headers[name] = headers[name] === undefined ? value : `${headers[name]},${value}`;
  }
  return headers;
}

/** Splits a request target into the raw path and raw query string. */
export function splitTarget(url: string): { rawPath: string; rawQueryString: string } {
  const at = url.indexOf('?');
  return at < 0
    ? { rawPath: url, rawQueryString: '' }
    : { rawPath: url.slice(0, at), rawQueryString: url.slice(at + 1) };
}
