import { createHash } from 'node:crypto';
import { createWriteStream, existsSync } from 'node:fs';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, isAbsolute, join, normalize, sep } from 'node:path';
import { pipeline } from 'node:stream/promises';
import yauzl from 'yauzl';

/** Raised when a function's zip is not where `osls package` writes it. */
export class BundleNotFoundError extends Error {
  constructor(readonly zipPath: string) {
    super(`function bundle ${zipPath} not found: run \`pnpm package\` first`);
    this.name = 'BundleNotFoundError';
  }
}

/** Raised for a zip entry that would land outside the extraction folder. */
export class UnsafeZipEntryError extends Error {
  constructor(readonly entry: string) {
    super(`zip entry ${entry} escapes the extraction folder`);
    this.name = 'UnsafeZipEntryError';
  }
}

const HASH_FILE = '.bundle-sha256';

/**
 * Extracts a function zip into `targetDir` once per content: when the folder already holds an extraction of a
 * zip with the same SHA-256, it is reused as is. Returns the hash.
 *
 * @example
 * await extractBundle('services/expenses/.serverless/getExpense.zip', '.local-cloud/functions/expenses/getExpense');
 */
export async function extractBundle(zipPath: string, targetDir: string): Promise<string> {
  if (!existsSync(zipPath)) throw new BundleNotFoundError(zipPath);
  const bytes = await readFile(zipPath);
  const hash = createHash('sha256').update(bytes).digest('hex');
  const hashFile = join(targetDir, HASH_FILE);
  if (existsSync(hashFile) && (await readFile(hashFile, 'utf8')) === hash) return hash;
  const staging = `${targetDir}.extracting-${process.pid}-${Date.now()}`;
  await rm(staging, { recursive: true, force: true });
  await mkdir(staging, { recursive: true });
  await unzipInto(zipPath, staging);
  await writeFile(join(staging, HASH_FILE), hash);
  await rm(targetDir, { recursive: true, force: true });
  await mkdir(dirname(targetDir), { recursive: true });
  await rename(staging, targetDir);
  return hash;
}

const safeTarget = (root: string, entry: string): string => {
  const relative = normalize(entry);
  if (isAbsolute(relative) || relative === '..' || relative.startsWith(`..${sep}`)) {
    throw new UnsafeZipEntryError(entry);
  }
  return join(root, relative);
};

const openZip = (zipPath: string) =>
  new Promise<yauzl.ZipFile>((resolve, reject) =>
    yauzl.open(zipPath, { lazyEntries: true }, (error, zip) => (error ? reject(error) : resolve(zip))),
  );

const openEntry = (zip: yauzl.ZipFile, entry: yauzl.Entry) =>
  new Promise<NodeJS.ReadableStream>((resolve, reject) =>
    zip.openReadStream(entry, (error, stream) => (error ? reject(error) : resolve(stream))),
  );

/** Writes every entry of a zip under `root`, one at a time. */
async function unzipInto(zipPath: string, root: string): Promise<void> {
  const zip = await openZip(zipPath);
  const closeQuietly = () => {
    try {
      zip.close();
    } catch {
      // already closed by yauzl's autoClose
    }
  };
  await new Promise<void>((resolve, reject) => {
    const next = async (entry: yauzl.Entry) => {
      const target = safeTarget(root, entry.fileName);
      if (entry.fileName.endsWith('/')) {
        await mkdir(target, { recursive: true });
      } else {
        await mkdir(dirname(target), { recursive: true });
        await pipeline(await openEntry(zip, entry), createWriteStream(target));
      }
      zip.readEntry();
    };
    zip.on('entry', (entry: yauzl.Entry) => next(entry).catch(reject));
    zip.on('end', resolve);
    zip.on('error', reject);
    zip.readEntry();
  }).catch((error: unknown) => {
    closeQuietly();
    throw error;
  });
}
