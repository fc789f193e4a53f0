import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { basename, resolve, sep } from 'node:path';
import { contentType } from 'mime-types';
import type { HeaderMap } from '../httpApi/cors';

/** An answer of an origin, before CloudFront adds its own headers. */
export interface OriginResponse {
  status: number;
  headers: HeaderMap;
  body: Buffer;
}

/** Files every deployment uploads with `no-cache` (the app shell and its runtime configuration). */
const NEVER_CACHED = /(\.html|\/config\.json)$/;

/**
 * The `Cache-Control` an object gets: what the deploy command writes as object metadata on AWS (`index.html`
 * and `config.json` not cached), else what the behaviour's cache policy implies: nothing cached when its
 * maximum TTL is 0 (CachingDisabled), else cacheable up to that TTL, immutable from a year on (hashed assets).
 */
export function cacheControlFor(key: string, maxTtl: number): string {
  if (NEVER_CACHED.test(`/${key}`) || maxTtl <= 0) return 'no-cache';
  return maxTtl >= 31_536_000 ? `public, max-age=${maxTtl}, immutable` : `public, max-age=${maxTtl}`;
}

const s3Error = (status: number, code: string, message: string): OriginResponse => ({
  status,
  headers: { 'content-type': 'application/xml', server: 'AmazonS3' },
  body: Buffer.from(
    `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${message}</Message></Error>`,
  ),
});

/** The answer when the web app has not been built: the local edge has nothing to serve as the bucket. */
export function notBuiltPage(webRoot: string): OriginResponse {
  return {
    status: 503,
    headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' },
    body: Buffer.from(
      `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Web app not built</title></head>` +
        `<body><h1>The web app is not built</h1><p>The local edge serves the S3 origin from <code>${webRoot}</code>, ` +
        `which does not exist. Build it with <code>pnpm --filter @spendwise/web build</code> and reload; ` +
        `the APIs under <code>/api</code> work without it.</p></body></html>`,
    ),
  };
}

/**
 * A bucket behind Origin Access Control, read from a local folder: GET and HEAD of existing objects (content
 * type from the extension, ETag, Last-Modified, 304 on If-None-Match); anything else is S3's `403 AccessDenied`,
 * as S3 answers a principal that may only `s3:GetObject` (which is why SPAs map 403 to `/index.html`).
 */
export async function serveStatic(
  webRoot: string,
  key: string,
  request: { method: string; headers: Record<string, string> },
  maxTtl: number,
): Promise<OriginResponse> {
  const root = resolve(webRoot);
  if (!(await isDirectory(root))) return notBuiltPage(root);
  if (request.method !== 'GET' && request.method !== 'HEAD')
    return s3Error(403, 'AccessDenied', 'Access Denied');
  let decoded: string;
  try {
    decoded = decodeURIComponent(key);
  } catch {
    return s3Error(400, 'InvalidURI', 'Could not parse the specified URI.');
  }
  const path = resolve(root, decoded);
  if (!path.startsWith(root + sep)) return s3Error(403, 'AccessDenied', 'Access Denied');
  const info = await stat(path).catch(() => undefined);
  if (!info?.isFile()) return s3Error(403, 'AccessDenied', 'Access Denied');
  const body = await readFile(path);
  const etag = `"${createHash('md5').update(body).digest('hex')}"`;
  const headers: HeaderMap = {
    'content-type': contentType(basename(path)) || 'application/octet-stream',
    'cache-control': cacheControlFor(decoded, maxTtl),
    etag,
    'last-modified': info.mtime.toUTCString(),
    'accept-ranges': 'bytes',
    server: 'AmazonS3',
  };
  if (request.headers['if-none-match'] === etag) return { status: 304, headers, body: Buffer.alloc(0) };
  return { status: 200, headers: { ...headers, 'content-length': String(body.length) }, body };
}

/** True when `webRoot` exists (reported at start-up otherwise). */
export async function isDirectory(path: string): Promise<boolean> {
  return (await stat(path).catch(() => undefined))?.isDirectory() ?? false;
}
