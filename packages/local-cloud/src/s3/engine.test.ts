import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it } from '@jest/globals';
import { fakeCloud } from '../testing/fakeCloud';
import { S3Engine } from './engine';

const DAY_MS = 86_400_000;
const request = { requestId: 'R1', sourceIp: '127.0.0.1', reason: 'PutObject' };

function engineAt(start: number) {
  const { cloud, recorded } = fakeCloud({ dataDir: mkdtempSync(join(tmpdir(), 'spendwise-s3-')) });
  let clock = start;
  const engine = new S3Engine(cloud, { now: () => new Date(clock) });
  const put = async (bucket: string, key: string, body: string) =>
    engine.put(
      bucket,
      key,
      await engine.receive(bucket, Readable.from([Buffer.from(body)]), 1024),
      { contentType: 'text/plain', metadata: {} },
      request,
    );
  return { engine, recorded, put, advance: (ms: number) => (clock += ms) };
}

describe('the S3 engine', () => {
  it('expires versions noncurrent for NoncurrentDays, and says so on the bus as S3 does', async () => {
    const { engine, recorded, put, advance } = engineAt(Date.now());
    await engine.createBucket({
      name: 'receipts',
      versioning: 'Enabled',
      cors: [],
      eventBridge: true,
      noncurrentDays: 30,
      createdAt: new Date().toISOString(),
    });
    const first = await put('receipts', 'k', 'one');
    await put('receipts', 'k', 'two');
    advance(30 * DAY_MS);
    await put('receipts', 'k', 'three');

    expect(engine.listVersions('receipts').map((version) => version.versionId)).not.toContain(
      first.versionId,
    );
    expect(engine.listVersions('receipts')).toHaveLength(2);
    const expiry = recorded.events.find((event) => event.Detail?.includes('Lifecycle Expiration'));
    expect(JSON.parse(expiry?.Detail ?? '{}')).toMatchObject({
      object: { key: 'k', 'version-id': first.versionId },
      reason: 'Lifecycle Expiration',
      'deletion-type': 'Permanently Deleted',
      requester: 's3.amazonaws.com',
    });
  });

  it('overwrites the null version in an unversioned bucket and deletes for good', async () => {
    const { engine, put } = engineAt(Date.now());
    await engine.createBucket({
      name: 'plain',
      cors: [],
      eventBridge: false,
      createdAt: new Date().toISOString(),
    });
    await put('plain', 'k', 'one');
    await put('plain', 'k', 'two');

    expect(engine.listVersions('plain')).toEqual([
      expect.objectContaining({ versionId: 'null', size: 3, isLatest: true }),
    ]);
    expect((await engine.read('plain', 'k')).toString()).toBe('two');
    expect(await engine.delete('plain', 'k', undefined, request)).toEqual({ deleteMarker: false });
    expect(engine.listVersions('plain')).toEqual([]);
  });
});
