import { createHash, randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import type { BucketConfig, KeyRecord } from './model';

/** The result of streaming a body to a bucket's incoming folder. */
export interface Incoming {
  path: string;
  /** Every byte counted, also those past the cap that were not written. */
  size: number;
  md5: string;
  /** True when the body was larger than the cap (the file then holds only the first `cap` bytes). */
  exceeded: boolean;
}

/**
 * A bucket on disk: `bucket.json`, `keys/<sha256 of the key>.json` (every version's metadata) and
 * `blobs/<id>` (the bytes). Blobs are written and renamed into place before the key's record, and records are
 * replaced by rename, so a crash leaves either the old or the new state (at worst an unreferenced blob).
 */
export class BucketStorage {
  constructor(readonly dir: string) {}

  async open(config: BucketConfig): Promise<KeyRecord[]> {
    await mkdir(join(this.dir, 'keys'), { recursive: true });
    await mkdir(join(this.dir, 'blobs'), { recursive: true });
    await rm(join(this.dir, 'incoming'), { recursive: true, force: true });
    await mkdir(join(this.dir, 'incoming'), { recursive: true });
    await this.replace(join(this.dir, 'bucket.json'), JSON.stringify(config, null, 2));
    const records: KeyRecord[] = [];
    for (const name of await readdir(join(this.dir, 'keys'))) {
      if (!name.endsWith('.json')) continue;
      records.push(JSON.parse(await readFile(join(this.dir, 'keys', name), 'utf8')) as KeyRecord);
    }
    return records;
  }

  /** Streams `body` to a new file under `incoming/`, writing at most `cap` bytes but counting all. */
  async receive(body: Readable, cap: number): Promise<Incoming> {
    const path = join(this.dir, 'incoming', randomBytes(12).toString('hex'));
    const out = createWriteStream(path);
    const md5 = createHash('md5');
    let size = 0;
    try {
      for await (const chunk of body as AsyncIterable<Buffer>) {
        const room = cap - size;
        size += chunk.length;
        if (room <= 0) continue;
        const part = chunk.length > room ? chunk.subarray(0, room) : chunk;
        md5.update(part);
        if (!out.write(part)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
      }
    } finally {
      await new Promise<void>((resolve, reject) =>
        out.end((error?: Error | null) => (error ? reject(error) : resolve())),
      );
    }
    return { path, size, md5: md5.digest('hex'), exceeded: size > cap };
  }

  async discard(incoming: Incoming): Promise<void> {
    await rm(incoming.path, { force: true });
  }

  /** Moves a received body into `blobs/`; returns its blob name. */
  async keep(incoming: Incoming): Promise<string> {
    const blob = randomBytes(16).toString('hex');
    await rename(incoming.path, this.blobPath(blob));
    return blob;
  }

  blobPath(blob: string): string {
    return join(this.dir, 'blobs', blob);
  }

  async removeBlob(blob: string): Promise<void> {
    await rm(this.blobPath(blob), { force: true });
  }

  async writeRecord(record: KeyRecord): Promise<void> {
    const file = join(this.dir, 'keys', `${createHash('sha256').update(record.key).digest('hex')}.json`);
    if (record.versions.length === 0) await rm(file, { force: true });
    else await this.replace(file, JSON.stringify(record));
  }

  private async replace(file: string, content: string): Promise<void> {
    const temporary = `${file}.${randomBytes(4).toString('hex')}.tmp`;
    await writeFile(temporary, content);
    await rename(temporary, file);
  }
}
