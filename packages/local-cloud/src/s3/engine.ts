import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LocalCloud } from '../core/context';
import { noSuchBucket, noSuchKey, S3Error } from './errors';
import type { BucketConfig, KeyRecord, ObjectVersion, RequestInfo } from './model';
import { BucketStorage, type Incoming } from './storage';

const DAY_MS = 86_400_000;

interface Bucket {
  config: BucketConfig;
  storage: BucketStorage;
  keys: Map<string, KeyRecord>;
  /** Serialises writes per key, so two uploads of one key never interleave their record updates. */
  locks: Map<string, Promise<unknown>>;
}

/** What a listing returns for one key's version (or its current version). */
export type ListedVersion = ObjectVersion & { isLatest: boolean };

/**
 * The local S3: buckets the templates create, their objects and versions on disk under `<dataDir>/s3/<bucket>/`
 * (a temporary folder removed on stop for `--in-memory` clouds), and the EventBridge notifications S3 sends to
 * the default bus. The S3 REST API (api.ts) and the bucket provider call it; tests and other parts may too
 * (`cloud.engines.s3.list(bucket)`).
 */
export class S3Engine {
  private readonly buckets = new Map<string, Bucket>();
  readonly root: string;
  private readonly temporary: boolean;
  private sequence = 0;

  private readonly now: () => Date;

  constructor(
    private readonly ctx: LocalCloud,
    options: { now?: () => Date } = {},
  ) {
    this.now = options.now ?? (() => new Date());
    this.temporary = ctx.config.inMemory;
    this.root = this.temporary
      ? mkdtempSync(join(tmpdir(), 'spendwise-s3-'))
      : join(ctx.config.dataDir, 's3');
  }

  /** Creates a bucket, or opens it with the objects it kept from an earlier run, with this configuration. */
  async createBucket(config: BucketConfig): Promise<void> {
    const existing = this.buckets.get(config.name);
    const storage = existing?.storage ?? new BucketStorage(join(this.root, config.name));
    const records = await storage.open(config);
    const bucket: Bucket = {
      config,
      storage,
      keys: new Map(records.map((record) => [record.key, record])),
      locks: new Map(),
    };
    this.buckets.set(config.name, bucket);
    for (const key of bucket.keys.keys()) await this.expireNoncurrent(bucket, key);
  }

  has(name: string): boolean {
    return this.buckets.has(name);
  }

  bucketNames(): string[] {
    return [...this.buckets.keys()].sort();
  }

  config(name: string): BucketConfig {
    return this.bucket(name).config;
  }

  /** Streams a body into the bucket's incoming folder (see BucketStorage.receive). */
  receive(bucketName: string, body: NodeJS.ReadableStream, cap: number): Promise<Incoming> {
    return this.bucket(bucketName).storage.receive(body as import('node:stream').Readable, cap);
  }

  discard(bucketName: string, incoming: Incoming): Promise<void> {
    return this.bucket(bucketName).storage.discard(incoming);
  }

  /** Stores a received body as the key's new current version; notifies `Object Created`. */
  async put(
    bucketName: string,
    key: string,
    incoming: Incoming,
    attributes: { contentType: string; metadata: Record<string, string> },
    request: RequestInfo,
  ): Promise<ObjectVersion> {
    const bucket = this.bucket(bucketName);
    const version = await this.locked(bucket, key, async () => {
      const blob = await bucket.storage.keep(incoming);
      const created: ObjectVersion = {
        key,
        versionId: this.newVersionId(bucket),
        deleteMarker: false,
        lastModified: this.now().toISOString(),
        size: incoming.size,
        etag: incoming.md5,
        contentType: attributes.contentType,
        metadata: attributes.metadata,
        blob,
      };
      await this.addVersion(bucket, key, created);
      return created;
    });
    await this.notify(bucket, 'Object Created', version, request);
    return version;
  }

  /** Copies a version's bytes into a new incoming file (CopyObject). */
  async copySource(
    bucketName: string,
    key: string,
    versionId?: string,
  ): Promise<{ version: ObjectVersion; path: string }> {
    const bucket = this.bucket(bucketName);
    const version = this.get(bucketName, key, versionId);
    return { version, path: bucket.storage.blobPath(version.blob ?? '') };
  }

  /**
   * The current version of a key (or the given version).
   *
   * @throws S3Error NoSuchKey (the key or its current version is a delete marker), NoSuchVersion,
   *   MethodNotAllowed (the given version is a delete marker)
   */
  get(bucketName: string, key: string, versionId?: string): ObjectVersion {
    const bucket = this.bucket(bucketName);
    const versions = bucket.keys.get(key)?.versions ?? [];
    if (versionId !== undefined) {
      const version = versions.find((candidate) => candidate.versionId === versionId);
      if (!version)
        throw new S3Error(404, 'NoSuchVersion', 'The specified version does not exist.', {
          Key: key,
          VersionId: versionId,
        });
      if (version.deleteMarker)
        throw new S3Error(
          405,
          'MethodNotAllowed',
          'The specified method is not allowed against this resource.',
          { Method: 'GET', ResourceType: 'DeleteMarker' },
          { 'x-amz-delete-marker': 'true', 'x-amz-version-id': versionId },
        );
      return version;
    }
    const current = versions[0];
    if (!current) throw noSuchKey(key);
    if (current.deleteMarker)
      throw noSuchKey(key, { 'x-amz-delete-marker': 'true', 'x-amz-version-id': current.versionId });
    return current;
  }

  /** The file holding a version's bytes. */
  blobPath(bucketName: string, version: ObjectVersion): string {
    return this.bucket(bucketName).storage.blobPath(version.blob ?? '');
  }

  /** Bytes of the current version (tests, snapshots). */
  async read(bucketName: string, key: string, versionId?: string): Promise<Buffer> {
    const { readFile } = await import('node:fs/promises');
    return readFile(this.blobPath(bucketName, this.get(bucketName, key, versionId)));
  }

  /**
   * Deletes as S3 does: in a versioned bucket without a version id, adds a delete marker; with one, removes
   * that version for good; in an unversioned bucket, removes the object. Deleting what is not there succeeds.
   * Notifies `Object Deleted` when something changed.
   */
  async delete(
    bucketName: string,
    key: string,
    versionId: string | undefined,
    request: RequestInfo,
  ): Promise<{ versionId?: string; deleteMarker: boolean }> {
    const bucket = this.bucket(bucketName);
    const outcome = await this.locked(bucket, key, async () => {
      const record = bucket.keys.get(key) ?? { key, versions: [] };
      if (versionId === undefined && bucket.config.versioning !== undefined) {
        const marker: ObjectVersion = {
          key,
          versionId: this.newVersionId(bucket),
          deleteMarker: true,
          lastModified: this.now().toISOString(),
          size: 0,
          etag: '',
          contentType: '',
          metadata: {},
        };
        await this.addVersion(bucket, key, marker);
        return {
          result: { versionId: marker.versionId, deleteMarker: true },
          removed: marker,
          type: 'Delete Marker Created',
        };
      }
      const target = versionId ?? 'null';
      const index = record.versions.findIndex((version) => version.versionId === target);
      if (index < 0) return { result: { deleteMarker: false } };
      const [removed] = record.versions.splice(index, 1);
      await this.save(bucket, record);
      if (removed?.blob) await bucket.storage.removeBlob(removed.blob);
      return {
        result: {
          ...(bucket.config.versioning !== undefined ? { versionId: target } : {}),
          deleteMarker: removed?.deleteMarker ?? false,
        },
        removed,
        type: 'Permanently Deleted',
      };
    });
    if (outcome.removed && outcome.type) {
      await this.notify(bucket, 'Object Deleted', outcome.removed, request, outcome.type);
    }
    return outcome.result;
  }

  /** Current versions (no delete markers), by key, with `prefix`. */
  list(bucketName: string, prefix = ''): ObjectVersion[] {
    const bucket = this.bucket(bucketName);
    return [...bucket.keys.values()]
      .filter((record) => record.key.startsWith(prefix))
      .map((record) => record.versions[0])
      .filter((version): version is ObjectVersion => version !== undefined && !version.deleteMarker)
      .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  }

  /** Every version and delete marker, by key, newest first within a key. */
  listVersions(bucketName: string, prefix = ''): ListedVersion[] {
    const bucket = this.bucket(bucketName);
    return [...bucket.keys.values()]
      .filter((record) => record.key.startsWith(prefix))
      .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
      .flatMap((record) => record.versions.map((version, index) => ({ ...version, isLatest: index === 0 })));
  }

  /** Removes the in-memory cloud's temporary folder. */
  async stop(): Promise<void> {
    if (this.temporary) rmSync(this.root, { recursive: true, force: true });
  }

  private bucket(name: string): Bucket {
    const bucket = this.buckets.get(name);
    if (!bucket) throw noSuchBucket(name);
    return bucket;
  }

  private newVersionId(bucket: Bucket): string {
    return bucket.config.versioning === 'Enabled'
      ? randomBytes(24).toString('base64url').slice(0, 32)
      : 'null';
  }

  /** Adds a new current version; an existing `null` version is replaced (unversioned or suspended bucket). */
  private async addVersion(bucket: Bucket, key: string, version: ObjectVersion): Promise<void> {
    const record = bucket.keys.get(key) ?? { key, versions: [] };
    const replaced =
      version.versionId === 'null' ? record.versions.filter((v) => v.versionId === 'null') : [];
    record.versions = [
      version,
      ...record.versions.filter((v) => v.versionId !== 'null' || version.versionId !== 'null'),
    ];
    await this.save(bucket, record);
    for (const old of replaced) if (old.blob) await bucket.storage.removeBlob(old.blob);
    await this.expireNoncurrent(bucket, key);
  }

  private async save(bucket: Bucket, record: KeyRecord): Promise<void> {
    await bucket.storage.writeRecord(record);
    if (record.versions.length === 0) bucket.keys.delete(record.key);
    else bucket.keys.set(record.key, record);
  }

  /**
   * Lifecycle `NoncurrentVersionExpiration`: a version that has been noncurrent (a newer one exists) for
   * `NoncurrentDays` is removed, checked when its key changes and when the bucket opens.
   */
  private async expireNoncurrent(bucket: Bucket, key: string): Promise<void> {
    const days = bucket.config.noncurrentDays;
    const record = bucket.keys.get(key);
    if (days === undefined || !record) return;
    const now = this.now().getTime();
    const kept: ObjectVersion[] = [];
    const expired: ObjectVersion[] = [];
    record.versions.forEach((version, index) => {
      const noncurrentSince = index === 0 ? undefined : Date.parse(record.versions[index - 1]!.lastModified);
      if (noncurrentSince !== undefined && now - noncurrentSince >= days * DAY_MS) expired.push(version);
      else kept.push(version);
    });
    if (expired.length === 0) return;
    record.versions = kept;
    await this.save(bucket, record);
    for (const version of expired) {
      if (version.blob) await bucket.storage.removeBlob(version.blob);
      await this.notify(
        bucket,
        'Object Deleted',
        version,
        { requestId: randomBytes(8).toString('hex').toUpperCase(), reason: 'Lifecycle Expiration' },
        'Permanently Deleted',
      );
    }
  }

  private async locked<T>(bucket: Bucket, key: string, work: () => Promise<T>): Promise<T> {
    const previous = bucket.locks.get(key) ?? Promise.resolve();
    const next = previous.catch(() => undefined).then(work);
    bucket.locks.set(key, next);
    try {
      return await next;
    } finally {
      if (bucket.locks.get(key) === next) bucket.locks.delete(key);
    }
  }

  /** S3's EventBridge notification, with the detail fields AWS documents, on the account's default bus. */
  private async notify(
    bucket: Bucket,
    detailType: 'Object Created' | 'Object Deleted',
    version: ObjectVersion,
    request: RequestInfo,
    deletionType?: string,
  ): Promise<void> {
    if (!bucket.config.eventBridge) return;
    const { accountId } = this.ctx.config;
    const versioned = bucket.config.versioning !== undefined;
    const object: Record<string, unknown> =
      detailType === 'Object Created'
        ? { key: version.key, size: version.size, etag: version.etag }
        : version.deleteMarker
          ? { key: version.key }
          : { key: version.key, etag: version.etag };
    if (versioned) object['version-id'] = version.versionId;
    // Grows with every notification, also across restarts (S3 only promises an order per key).
    this.sequence = (this.sequence + 1) % 4096;
    object.sequencer = (BigInt(Date.now()) * 4096n + BigInt(this.sequence))
      .toString(16)
      .toUpperCase()
      .padStart(18, '0');
    const detail = {
      version: '0',
      bucket: { name: bucket.config.name },
      object,
      'request-id': request.requestId,
      requester: request.sourceIp === undefined ? 's3.amazonaws.com' : accountId,
      ...(request.sourceIp === undefined ? {} : { 'source-ip-address': request.sourceIp }),
      reason: request.reason,
      ...(deletionType ? { 'deletion-type': deletionType } : {}),
    };
    await this.ctx.events.putEvents([
      {
        Source: 'aws.s3',
        DetailType: detailType,
        Detail: JSON.stringify(detail),
        EventBusName: 'default',
        Resources: [`arn:aws:s3:::${bucket.config.name}`],
        Time: this.now(),
      },
    ]);
  }
}
