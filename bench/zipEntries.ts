import yauzl from 'yauzl';

/** One file inside a zip archive, as listed in its central directory. */
export interface ZipEntry {
  fileName: string;
  uncompressedSize: number;
  compressedSize: number;
}

/** Lists the files of a zip archive without extracting them. */
export async function zipEntries(path: string): Promise<ZipEntry[]> {
  const zip = await yauzl.openPromise(path, { lazyEntries: true, autoClose: true });
  return new Promise((resolve, reject) => {
    const entries: ZipEntry[] = [];
    zip.on('entry', (entry: yauzl.Entry) => {
      if (!entry.fileName.endsWith('/')) {
        entries.push({
          fileName: entry.fileName,
          uncompressedSize: entry.uncompressedSize,
          compressedSize: entry.compressedSize,
        });
      }
      zip.readEntry();
    });
    zip.on('end', () => resolve(entries));
    zip.on('error', reject);
    zip.readEntry();
  });
}
