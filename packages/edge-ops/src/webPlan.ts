import { createHash } from 'node:crypto';
import { extname } from 'node:path';

/** A file of the built app, keyed as in the bucket (`index.html`, `assets/index-3f2a.js`). */
export interface LocalFile {
  key: string;
  body: Buffer;
}

/** An object in the bucket as ListObjectsV2 gives it (ETag without quotes). */
export interface RemoteObject {
  key: string;
  etag: string;
}

export interface Upload {
  key: string;
  body: Buffer;
  contentType: string;
  cacheControl: string;
}

/** What a deploy does, in this order: uploads, then deletes, then invalidations. */
export interface WebDeployPlan {
  uploads: Upload[];
  /** Bucket keys the new build does not have: removed only after every upload succeeded. */
  deletes: string[];
  /** Identical files already in the bucket (hashed assets only: their name is their content). */
  unchanged: string[];
  invalidations: string[];
}

export const IMMUTABLE = 'public, max-age=31536000, immutable';
export const REVALIDATE = 'no-cache';

/** Entry points the browser must always revalidate; invalidated in CloudFront on every deploy. */
export const ENTRY_POINTS = ['index.html', 'config.json'];

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.txt': 'text/plain; charset=utf-8',
};

export const contentTypeOf = (key: string): string =>
  CONTENT_TYPES[extname(key).toLowerCase()] ?? 'application/octet-stream';

/** Files under assets/ carry a content hash in their name (the bundler's output): cached for a year. */
export const isHashedAsset = (key: string): boolean => key.startsWith('assets/');

export const cacheControlOf = (key: string): string => (isHashedAsset(key) ? IMMUTABLE : REVALIDATE);

const md5 = (body: Buffer) => createHash('md5').update(body).digest('hex');

/**
 * Plans a deploy of `files` (config.json included) over what the bucket holds. Hashed assets go first, so a
 * browser that loads the new index.html finds every file it names; index.html goes last. Hashed assets
 * already in the bucket with the same MD5 are skipped; entry points are always written (their headers
 * matter as much as their bytes). Stale keys are deleted after the uploads, so a browser still running the
 * previous index.html keeps finding its assets while the deploy runs (the bucket's versioning keeps them
 * for 30 days after). Invalidations: the entry points, whose paths do not change between deploys.
 */
export function planWebDeploy(files: LocalFile[], remote: RemoteObject[]): WebDeployPlan {
  const keys = new Set(files.map((f) => f.key));
  for (const required of ENTRY_POINTS) {
    if (!keys.has(required)) throw new Error(`the build has no ${required}`);
  }
  const remoteEtags = new Map(remote.map((o) => [o.key, o.etag.replaceAll('"', '')]));
  const rank = (key: string) => (key === 'index.html' ? 2 : key === 'config.json' ? 1 : 0);
  const ordered = [...files].sort((a, b) => rank(a.key) - rank(b.key) || a.key.localeCompare(b.key));
  const unchanged: string[] = [];
  const uploads: Upload[] = [];
  for (const file of ordered) {
    if (isHashedAsset(file.key) && remoteEtags.get(file.key) === md5(file.body)) {
      unchanged.push(file.key);
      continue;
    }
    uploads.push({
      key: file.key,
      body: file.body,
      contentType: contentTypeOf(file.key),
      cacheControl: cacheControlOf(file.key),
    });
  }
  return {
    uploads,
    deletes: remote
      .map((o) => o.key)
      .filter((key) => !keys.has(key))
      .sort(),
    unchanged,
    invalidations: ENTRY_POINTS.map((key) => `/${key}`),
  };
}
