import { createHash } from 'node:crypto';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import yauzl from 'yauzl';
import type { ArtifactDigests } from './templateDiff';

/**
 * Digest of a zip's content from its central directory (name, CRC-32 and size of every file), so two
 * packages of the same code compare equal although their zip timestamps differ. Nothing is decompressed.
 */
export async function zipDigest(path: string): Promise<string> {
  const zip = await yauzl.openPromise(path, { lazyEntries: true, autoClose: true });
  const lines = await new Promise<string[]>((resolve, reject) => {
    const entries: string[] = [];
    zip.on('entry', (entry: yauzl.Entry) => {
      if (!entry.fileName.endsWith('/')) {
        entries.push(`${entry.fileName}\0${entry.crc32}\0${entry.uncompressedSize}`);
      }
      zip.readEntry();
    });
    zip.on('end', () => resolve(entries));
    zip.on('error', reject);
    zip.readEntry();
  });
  return createHash('sha256').update(lines.sort().join('\n')).digest('hex').slice(0, 12);
}

/** Digests of every artifact osls wrote to a service's `.serverless/` directory. */
export async function artifactDigests(serviceDir: string): Promise<ArtifactDigests> {
  const dir = join(serviceDir, '.serverless');
  const zips = (await readdir(dir)).filter((name) => name.endsWith('.zip'));
  const digests = await Promise.all(zips.map(async (name) => [name, await zipDigest(join(dir, name))]));
  return Object.fromEntries(digests);
}
