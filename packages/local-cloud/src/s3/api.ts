import { createReadStream } from 'node:fs';
import type { ServerResponse } from 'node:http';
import type { Readable } from 'node:stream';
import busboy from 'busboy';
import { AwsApiError } from '../core/errors';
import type { RawApi, RawExchange } from '../core/protocol';
import { accessKeyOf } from '../iam/credentials';
import { AwsChunkedDecoder, isAwsChunked } from './chunked';
import { corsResponseHeaders, matchingRule } from './cors';
import type { S3Engine } from './engine';
import { accessDenied, invalidArgument, noSuchBucket, S3Error, signatureDoesNotMatch } from './errors';
import type { ObjectVersion } from './model';
import { checkPolicy, checkSize, parsePolicy } from './policy';
import { checkPresignedRequest, isPolicySignatureValid, parseAmzDate, parseCredential } from './sigv4';
import { escapeXml, xmlDocument } from './xml';

/** S3's limit for one PutObject or POST upload (5 GiB). */
const MAX_OBJECT_BYTES = 5 * 1024 ** 3;
const CREDENTIAL_SCOPE = /Credential=[^/]+\/\d{8}\/[^/]+\/([^/]+)\/aws4_request/;
/** `Sec-Fetch-Site` values of requests no other site started. */
const SELF_STARTED = new Set(['none', 'same-origin']);
const RESPONSE_OVERRIDES = [
  'content-type',
  'content-language',
  'expires',
  'cache-control',
  'content-disposition',
  'content-encoding',
];

interface Answer {
  status: number;
  headers?: Record<string, string>;
  body?: string | Buffer;
  file?: { path: string; start?: number; end?: number };
}

interface Target {
  bucket?: string;
  key?: string;
  /** The path as sent (percent-encoded), which presigned URLs sign. */
  rawPath: string;
  query: URLSearchParams;
  /** `<bucket>.localhost:<port>` when the request named the bucket in its Host. */
  virtualHost?: string;
}

/**
 * The S3 REST API on the shared endpoint, path-style (`/<bucket>/<key>`) and `<bucket>.localhost` virtual-hosted:
 * objects (Put, Get with Range, Head, Delete, Copy), listings (ListObjectsV2, ListObjects, ListObjectVersions,
 * ListBuckets, HeadBucket), browser uploads by presigned POST with the policy enforced, and presigned URLs.
 * Errors are S3's XML `<Error>` documents, so `@aws-sdk/client-s3` raises its own exception classes.
 *
 * Browsers: a request with an `Origin` is served only when the bucket's CORS rules admit it (and carries the
 * rule's Access-Control-* headers); one another site started without an Origin (an `<img>`, a link) only when
 * a presigned GET authorises it. Every other rule of the endpoint (the Host check) holds.
 */
export class S3Api implements RawApi {
  constructor(
    private readonly engine: S3Engine,
    private readonly now: () => Date = () => new Date(),
    /** IAM (`iam/enforcement.ts`): throws S3's AccessDenied for a request its signer may not make. */
    private readonly authorize?: (
      request: {
        method: string;
        bucket?: string;
        key?: string;
        query: URLSearchParams;
        headers: Record<string, string>;
      },
      accessKeyId: string | undefined,
    ) => Promise<void>,
  ) {}

  claims({ url, headers }: { method: string; url: string; headers: Record<string, string> }): boolean {
    const parsed = new URL(url, 'http://local');
    if (parsed.pathname.startsWith('/_local')) return false;
    const scope =
      CREDENTIAL_SCOPE.exec(headers.authorization ?? '')?.[1] ??
      parseCredential(parsed.searchParams.get('X-Amz-Credential') ?? '')?.service;
    if (scope !== undefined) return scope === 's3';
    if (this.virtualBucket(headers.host) !== undefined) return true;
    const first = safeDecode(parsed.pathname.split('/')[1] ?? '');
    return first !== undefined && first !== '' && this.engine.has(first);
  }

  async serve(exchange: RawExchange): Promise<number> {
    let cors: Record<string, string> = {};
    let answer: Answer;
    try {
      const target = this.target(exchange);
      exchange.checkHost(target.virtualHost);
      cors = this.browserRules(exchange, target);
      answer =
        exchange.method === 'OPTIONS'
          ? { status: 200, headers: cors }
          : await this.dispatch(exchange, target);
    } catch (error) {
      answer = errorAnswer(error, exchange);
      // The request body may still be coming; read it so the client sees the answer, not a reset.
      exchange.req.resume();
    }
    await write(exchange, {
      ...answer,
      headers: { ...answer.headers, ...(exchange.method === 'OPTIONS' ? {} : cors) },
    });
    return answer.status;
  }

  private virtualBucket(host: string | undefined): string | undefined {
    const match = /^(.+)\.localhost(:\d+)?$/i.exec(host ?? '');
    return match && this.engine.has(match[1]!.toLowerCase()) ? match[1]!.toLowerCase() : undefined;
  }

  private target(exchange: RawExchange): Target {
    const [rawPath = '/', search = ''] = exchange.url.split('?', 2) as [string, string?];
    const query = new URLSearchParams(search);
    const virtual = this.virtualBucket(exchange.headers.host);
    const segments = rawPath.split('/').slice(1);
    const decode = (value: string) => {
      const decoded = safeDecode(value);
      if (decoded === undefined) throw invalidArgument('Invalid URI encoding', 'path', value);
      return decoded;
    };
    if (virtual !== undefined) {
      const key = decode(segments.join('/'));
      return {
        bucket: virtual,
        ...(key ? { key } : {}),
        rawPath,
        query,
        virtualHost: exchange.headers.host ?? '',
      };
    }
    const bucket = decode(segments[0] ?? '');
    const key = decode(segments.slice(1).join('/'));
    return { ...(bucket ? { bucket } : {}), ...(key ? { key } : {}), rawPath, query };
  }

  /** The bucket's CORS rules for requests with an Origin; presigned GETs for other cross-site requests. */
  private browserRules(exchange: RawExchange, target: Target): Record<string, string> {
    const { headers, method } = exchange;
    const origin = headers.origin;
    if (method === 'OPTIONS') {
      if (origin === undefined)
        throw new S3Error(400, 'BadRequest', 'Insufficient information. Origin request header needed.');
      const requested = headers['access-control-request-method'];
      if (!requested) throw new S3Error(400, 'BadRequest', 'Invalid Access-Control-Request-Method: null');
      const requestHeaders = (headers['access-control-request-headers'] ?? '')
        .split(',')
        .map((header) => header.trim().toLowerCase())
        .filter(Boolean);
      const rule = this.corsRule(target, origin, requested, requestHeaders);
      return corsResponseHeaders(rule, origin, { method: requested, headers: requestHeaders });
    }
    if (origin !== undefined) return corsResponseHeaders(this.corsRule(target, origin, method), origin);
    const site = headers['sec-fetch-site'];
    const presignedRead = (method === 'GET' || method === 'HEAD') && target.query.has('X-Amz-Signature');
    if (site !== undefined && !SELF_STARTED.has(site.toLowerCase()) && !presignedRead) {
      throw accessDenied(
        `Requests a ${site} web page starts are refused unless a presigned URL authorises them: the local AWS endpoint serves SDKs, the CLI and allowed local apps only`,
      );
    }
    return {};
  }

  private corsRule(target: Target, origin: string, method: string, requestHeaders: string[] = []) {
    if (target.bucket === undefined || !this.engine.has(target.bucket)) {
      throw new S3Error(403, 'AccessForbidden', 'CORSResponse: Bucket not found', {
        Method: method,
        ResourceType: 'BUCKET',
      });
    }
    const rules = this.engine.config(target.bucket).cors;
    const rule = matchingRule(rules, origin, method, requestHeaders);
    if (!rule) {
      throw new S3Error(
        403,
        'AccessForbidden',
        rules.length === 0
          ? 'CORSResponse: CORS is not enabled for this bucket.'
          : "CORSResponse: This CORS request is not allowed. This is usually because the evalution of Origin, request method / Access-Control-Request-Method or Access-Control-Request-Headers are not whitelisted by the resource's CORS spec.",
        { Method: method, ResourceType: target.key === undefined ? 'BUCKET' : 'OBJECT' },
      );
    }
    return rule;
  }

  private async dispatch(exchange: RawExchange, target: Target): Promise<Answer> {
    const { method } = exchange;
    const { bucket, key, query } = target;
    if (query.has('X-Amz-Signature') || query.has('X-Amz-Credential')) {
      await checkPresignedRequest(
        { method, rawPath: target.rawPath, query, headers: exchange.headers },
        this.now(),
      );
    }
    if (this.authorize) {
      await this.authorize(
        {
          method,
          ...(bucket !== undefined ? { bucket } : {}),
          ...(key !== undefined ? { key } : {}),
          query,
          headers: exchange.headers,
        },
        accessKeyOf(exchange.headers, query),
      );
    }
    if (bucket === undefined) {
      if (method === 'GET') return this.listBuckets();
      throw notImplemented();
    }
    if (!this.engine.has(bucket)) throw noSuchBucket(bucket);
    return key === undefined
      ? this.bucketOperation(exchange, bucket, query)
      : this.objectOperation(exchange, bucket, key, query);
  }

  private bucketOperation(
    exchange: RawExchange,
    bucket: string,
    query: URLSearchParams,
  ): Promise<Answer> | Answer {
    const { method } = exchange;
    if (method === 'HEAD') return { status: 200, headers: { 'x-amz-bucket-region': this.engine.region } };
    if (method === 'POST') {
      if ((exchange.headers['content-type'] ?? '').startsWith('multipart/form-data'))
        return this.postObject(exchange, bucket);
      throw new S3Error(
        400,
        'MalformedPOSTRequest',
        'The body of your POST request is not well-formed multipart/form-data.',
      );
    }
    if (method !== 'GET') throw notImplemented();
    if (query.has('versions')) return this.listVersions(bucket, query);
    if (query.has('versioning')) return this.versioning(bucket);
    if (query.has('location'))
      return xml('LocationConstraint', escapeXml(this.engine.region), { bare: true });
    if ([...query.keys()].some((name) => !LIST_PARAMETERS.has(name))) throw notImplemented();
    return this.listObjects(bucket, query);
  }

  private objectOperation(
    exchange: RawExchange,
    bucket: string,
    key: string,
    query: URLSearchParams,
  ): Promise<Answer> | Answer {
    if ([...query.keys()].some((name) => SUBRESOURCES.has(name))) throw notImplemented();
    switch (exchange.method) {
      case 'PUT':
        return exchange.headers['x-amz-copy-source'] !== undefined
          ? this.copyObject(exchange, bucket, key)
          : this.putObject(exchange, bucket, key);
      case 'GET':
      case 'HEAD':
        return this.getObject(exchange, bucket, key, exchange.method === 'HEAD');
      case 'DELETE':
        return this.deleteObject(exchange, bucket, key, query.get('versionId') ?? undefined);
      default:
        throw notImplemented();
    }
  }

  private listBuckets(): Answer {
    const buckets = this.engine
      .bucketNames()
      .map(
        (name) =>
          `<Bucket><Name>${escapeXml(name)}</Name><CreationDate>${this.engine.config(name).createdAt}</CreationDate></Bucket>`,
      )
      .join('');
    return xml(
      'ListAllMyBucketsResult',
      `<Owner><ID>${OWNER_ID}</ID><DisplayName>local</DisplayName></Owner><Buckets>${buckets}</Buckets>`,
    );
  }

  private versioning(bucket: string): Answer {
    const status = this.engine.config(bucket).versioning;
    return xml('VersioningConfiguration', status ? `<Status>${status}</Status>` : '');
  }

  private listObjects(bucket: string, query: URLSearchParams): Answer {
    const v2 = query.get('list-type') === '2';
    const prefix = query.get('prefix') ?? '';
    const delimiter = query.get('delimiter') ?? '';
    const maxKeys = Math.min(1000, Math.max(0, Number(query.get('max-keys') ?? 1000) || 0));
    const urlEncoded = query.get('encoding-type') === 'url';
    const token = query.get('continuation-token');
    const start = token ? Buffer.from(token, 'base64url').toString('utf8') : (query.get('start-after') ?? '');
    const after = v2 ? start : (query.get('marker') ?? '');
    const { entries, truncated, last } = listPage(this.engine.list(bucket, prefix), {
      prefix,
      delimiter,
      after,
      maxKeys,
    });
    const name = (value: string) => escapeXml(urlEncoded ? encodeKey(value) : value);
    const items = entries
      .map((entry) =>
        'object' in entry
          ? `<Contents><Key>${name(entry.object.key)}</Key><LastModified>${entry.object.lastModified}</LastModified><ETag>"${entry.object.etag}"</ETag><Size>${entry.object.size}</Size><StorageClass>STANDARD</StorageClass></Contents>`
          : `<CommonPrefixes><Prefix>${name(entry.prefix)}</Prefix></CommonPrefixes>`,
      )
      .join('');
    const head = listHead({
      bucket,
      prefix,
      delimiter,
      maxKeys,
      truncated,
      count: entries.length,
      after,
      last,
      query,
      name,
    });
    return xml('ListBucketResult', head + items);
  }

  private listVersions(bucket: string, query: URLSearchParams): Answer {
    const prefix = query.get('prefix') ?? '';
    const versions = this.engine.listVersions(bucket, prefix);
    const items = versions
      .map((version) =>
        version.deleteMarker
          ? `<DeleteMarker><Key>${escapeXml(version.key)}</Key><VersionId>${version.versionId}</VersionId><IsLatest>${version.isLatest}</IsLatest><LastModified>${version.lastModified}</LastModified><Owner><ID>${OWNER_ID}</ID></Owner></DeleteMarker>`
          : `<Version><Key>${escapeXml(version.key)}</Key><VersionId>${version.versionId}</VersionId><IsLatest>${version.isLatest}</IsLatest><LastModified>${version.lastModified}</LastModified><ETag>"${version.etag}"</ETag><Size>${version.size}</Size><StorageClass>STANDARD</StorageClass><Owner><ID>${OWNER_ID}</ID></Owner></Version>`,
      )
      .join('');
    return xml(
      'ListVersionsResult',
      `<Name>${escapeXml(bucket)}</Name><Prefix>${escapeXml(prefix)}</Prefix><KeyMarker></KeyMarker><VersionIdMarker></VersionIdMarker><MaxKeys>${Math.max(1000, versions.length)}</MaxKeys><IsTruncated>false</IsTruncated>${items}`,
    );
  }

  private async putObject(exchange: RawExchange, bucket: string, key: string): Promise<Answer> {
    const { headers } = exchange;
    const body: Readable = isAwsChunked(headers)
      ? (exchange.req as Readable).pipe(new AwsChunkedDecoder())
      : (exchange.req as Readable);
    const incoming = await this.engine.receive(bucket, body, MAX_OBJECT_BYTES);
    try {
      if (incoming.exceeded) checkSize(incoming.size, { min: 0, max: MAX_OBJECT_BYTES });
      const md5 = headers['content-md5'];
      if (md5 !== undefined && Buffer.from(md5, 'base64').toString('hex') !== incoming.md5)
        throw new S3Error(400, 'BadDigest', 'The Content-MD5 you specified did not match what we received.');
    } catch (error) {
      await this.engine.discard(bucket, incoming);
      throw error;
    }
    const contentEncoding = (headers['content-encoding'] ?? '')
      .split(',')
      .map((part) => part.trim())
      .filter((part) => part && part !== 'aws-chunked')
      .join(', ');
    const version = await this.engine.put(
      bucket,
      key,
      incoming,
      {
        contentType: headers['content-type'] ?? 'binary/octet-stream',
        metadata: {
          ...metadataOf(headers),
          ...(contentEncoding ? { 'content-encoding': contentEncoding } : {}),
        },
      },
      { requestId: exchange.requestId, sourceIp: exchange.remoteAddress, reason: 'PutObject' },
    );
    return { status: 200, headers: this.writeHeaders(bucket, version) };
  }

  private async copyObject(exchange: RawExchange, bucket: string, key: string): Promise<Answer> {
    const source = exchange.headers['x-amz-copy-source'] ?? '';
    const [path = '', search = ''] = source.split('?', 2) as [string, string?];
    const decoded = safeDecode(path.replace(/^\//, '')) ?? '';
    const slash = decoded.indexOf('/');
    if (slash <= 0)
      throw invalidArgument(
        'Copy Source must mention the source bucket and key: sourcebucket/sourcekey',
        'x-amz-copy-source',
        source,
      );
    const sourceBucket = decoded.slice(0, slash);
    if (!this.engine.has(sourceBucket)) throw noSuchBucket(sourceBucket);
    const versionId = new URLSearchParams(search).get('versionId') ?? undefined;
    const { version: from, path: file } = await this.engine.copySource(
      sourceBucket,
      decoded.slice(slash + 1),
      versionId,
    );
    const replace = exchange.headers['x-amz-metadata-directive'] === 'REPLACE';
    const incoming = await this.engine.receive(bucket, createReadStream(file), MAX_OBJECT_BYTES);
    const version = await this.engine.put(
      bucket,
      key,
      incoming,
      replace
        ? {
            contentType: exchange.headers['content-type'] ?? 'binary/octet-stream',
            metadata: metadataOf(exchange.headers),
          }
        : { contentType: from.contentType, metadata: from.metadata },
      { requestId: exchange.requestId, sourceIp: exchange.remoteAddress, reason: 'CopyObject' },
    );
    return xml(
      'CopyObjectResult',
      `<LastModified>${version.lastModified}</LastModified><ETag>"${version.etag}"</ETag>`,
      { headers: this.writeHeaders(bucket, version) },
    );
  }

  private getObject(exchange: RawExchange, bucket: string, key: string, head: boolean): Answer {
    const { headers, query } = {
      headers: exchange.headers,
      query: new URLSearchParams(exchange.url.split('?')[1] ?? ''),
    };
    const version = this.engine.get(bucket, key, query.get('versionId') ?? undefined);
    const answerHeaders: Record<string, string> = {
      'content-type': version.contentType,
      etag: `"${version.etag}"`,
      'last-modified': new Date(version.lastModified).toUTCString(),
      'accept-ranges': 'bytes',
      'x-amz-server-side-encryption': 'AES256',
      ...this.versionHeader(bucket, version),
    };
    for (const [name, value] of Object.entries(version.metadata)) {
      answerHeaders[name === 'content-encoding' ? name : `x-amz-meta-${name}`] = value;
    }
    for (const name of RESPONSE_OVERRIDES) {
      const value = query.get(`response-${name}`);
      if (value !== null) answerHeaders[name] = value;
    }
    const noneMatch = headers['if-none-match'];
    if (noneMatch?.split(',').some((tag) => tag.trim() === `"${version.etag}"` || tag.trim() === '*'))
      return { status: 304, headers: answerHeaders };
    const range = headers.range === undefined ? undefined : parseRange(headers.range, version.size);
    const path = this.engine.blobPath(bucket, version);
    if (range) {
      answerHeaders['content-range'] = `bytes ${range.start}-${range.end}/${version.size}`;
      answerHeaders['content-length'] = String(range.end - range.start + 1);
      return { status: 206, headers: answerHeaders, ...(head ? {} : { file: { path, ...range } }) };
    }
    answerHeaders['content-length'] = String(version.size);
    return { status: 200, headers: answerHeaders, ...(head ? {} : { file: { path } }) };
  }

  private async deleteObject(
    exchange: RawExchange,
    bucket: string,
    key: string,
    versionId?: string,
  ): Promise<Answer> {
    const result = await this.engine.delete(bucket, key, versionId, {
      requestId: exchange.requestId,
      sourceIp: exchange.remoteAddress,
      reason: 'DeleteObject',
    });
    return {
      status: 204,
      headers: {
        ...(result.versionId !== undefined ? { 'x-amz-version-id': result.versionId } : {}),
        ...(result.deleteMarker ? { 'x-amz-delete-marker': 'true' } : {}),
      },
    };
  }

  /**
   * A browser-based upload (POST Object): the form's fields up to the file are checked against the signed
   * policy before a byte of the file is stored; the file is streamed to disk (never held in memory) and counted,
   * and refused when its size is outside the policy's `content-length-range`. Fields after the file are ignored,
   * as S3 ignores them.
   */
  private postObject(exchange: RawExchange, bucket: string): Promise<Answer> {
    return new Promise<Answer>((resolve, reject) => {
      const fields = new Map<string, string>();
      let upload: Promise<Answer> | undefined;
      let parser: busboy.Busboy;
      try {
        parser = busboy({
          headers: { 'content-type': exchange.headers['content-type'] ?? '' },
          limits: { files: 1, fields: 100, fieldSize: 64 * 1024, parts: 101 },
        });
      } catch {
        reject(
          new S3Error(
            400,
            'MalformedPOSTRequest',
            'The body of your POST request is not well-formed multipart/form-data.',
          ),
        );
        return;
      }
      parser.on('field', (name, value) => {
        if (upload === undefined) fields.set(name.toLowerCase(), value);
      });
      parser.on('file', (name, stream, info) => {
        if (upload !== undefined || name.toLowerCase() !== 'file') {
          stream.resume();
          return;
        }
        upload = this.acceptUpload(exchange, bucket, fields, stream, info.filename).catch(
          (error: unknown) => {
            stream.resume();
            throw error;
          },
        );
        upload.catch(() => undefined);
      });
      parser.once('error', () =>
        reject(
          new S3Error(
            400,
            'MalformedPOSTRequest',
            'The body of your POST request is not well-formed multipart/form-data.',
          ),
        ),
      );
      parser.once('close', () => {
        if (upload) upload.then(resolve, reject);
        else reject(invalidArgument('POST requires exactly one file upload per request.', 'file', '0'));
      });
      // A client gone mid-upload: stop reading the file (what was written stays in incoming/, cleared at start).
      exchange.req.once('aborted', () => {
        const gone = new S3Error(400, 'IncompleteBody', 'The request body terminated unexpectedly');
        parser.destroy(gone);
        reject(gone);
      });
      (exchange.req as Readable).pipe(parser);
    });
  }

  private async acceptUpload(
    exchange: RawExchange,
    bucket: string,
    fields: Map<string, string>,
    file: Readable,
    filename: string | undefined,
  ): Promise<Answer> {
    const required = (name: string) => {
      const value = fields.get(name);
      if (value === undefined || value === '')
        throw invalidArgument(
          `Bucket POST must contain a field named '${name}'.  If it is specified, please check the order of the fields.`,
          name,
          '',
        );
      return value;
    };
    if (!fields.has('policy') && !fields.has('x-amz-signature')) throw accessDenied();
    const keyTemplate = required('key');
    const encodedPolicy = required('policy');
    const algorithm = required('x-amz-algorithm');
    if (algorithm !== 'AWS4-HMAC-SHA256')
      throw invalidArgument(
        'POST form fields are invalid: x-amz-algorithm must be AWS4-HMAC-SHA256',
        'x-amz-algorithm',
        algorithm,
      );
    const credentialText = required('x-amz-credential');
    const credential = parseCredential(credentialText);
    if (!credential)
      throw invalidArgument(
        'Error parsing the X-Amz-Credential parameter',
        'x-amz-credential',
        credentialText,
      );
    const dateText = required('x-amz-date');
    const signingDate = parseAmzDate(dateText);
    if (!signingDate)
      throw invalidArgument(
        "X-Amz-Date must be in the ISO8601 Long Format \"yyyyMMdd'T'HHmmss'Z'\"",
        'x-amz-date',
        dateText,
      );
    const signature = required('x-amz-signature');
    const policy = parsePolicy(encodedPolicy);
    if (!(await isPolicySignatureValid(encodedPolicy, credential, signingDate, signature)))
      throw signatureDoesNotMatch();
    // biome-ignore lint/suspicious/noTemplateCurlyInString: S3's own variable for the uploaded file's name
    const key = keyTemplate.replaceAll('${filename}', filename ?? '');
    const checked = new Map(fields);
    checked.set('bucket', bucket);
    checked.set('key', key);
    const range = checkPolicy(policy, checked, this.now());
    // The upload is the signer's PutObject, as S3 authorises a browser upload: a form signed with a function's
    // credentials is refused when that function's role may not put the key.
    if (this.authorize)
      await this.authorize(
        { method: 'PUT', bucket, key, query: new URLSearchParams(), headers: {} },
        credential.accessKeyId,
      );
    const incoming = await this.engine.receive(bucket, file, range?.max ?? MAX_OBJECT_BYTES);
    try {
      checkSize(incoming.size, range ?? { min: 0, max: MAX_OBJECT_BYTES });
    } catch (error) {
      await this.engine.discard(bucket, incoming);
      throw error;
    }
    const metadata = Object.fromEntries(
      [...fields]
        .filter(([name]) => name.startsWith('x-amz-meta-'))
        .map(([name, value]) => [name.slice(11), value]),
    );
    const version = await this.engine.put(
      bucket,
      key,
      incoming,
      { contentType: fields.get('content-type') ?? 'binary/octet-stream', metadata },
      { requestId: exchange.requestId, sourceIp: exchange.remoteAddress, reason: 'POST Object' },
    );
    const location = `http://${exchange.headers.host ?? `127.0.0.1:${exchange.port}`}/${encodeKey(bucket)}/${encodeKey(key)}`;
    const headers = { ...this.writeHeaders(bucket, version), location };
    const status = fields.get('success_action_status');
    if (status === '201') {
      return xml(
        'PostResponse',
        `<Location>${escapeXml(location)}</Location><Bucket>${escapeXml(bucket)}</Bucket><Key>${escapeXml(key)}</Key><ETag>"${version.etag}"</ETag>`,
        { status: 201, headers, bare: true },
      );
    }
    return { status: status === '200' ? 200 : 204, headers };
  }

  private writeHeaders(bucket: string, version: ObjectVersion): Record<string, string> {
    return {
      etag: `"${version.etag}"`,
      'x-amz-server-side-encryption': 'AES256',
      ...this.versionHeader(bucket, version),
    };
  }

  private versionHeader(bucket: string, version: ObjectVersion): Record<string, string> {
    return this.engine.config(bucket).versioning !== undefined
      ? { 'x-amz-version-id': version.versionId }
      : {};
  }
}

const OWNER_ID = '75aa57f09aa0c8caeab4f8c24e99d10f8e7faeebf76c078efc7c6caea54ba06a';
const LIST_PARAMETERS = new Set([
  'list-type',
  'prefix',
  'delimiter',
  'max-keys',
  'encoding-type',
  'continuation-token',
  'start-after',
  'fetch-owner',
  'marker',
  'x-id',
]);
/** Object sub-resources the local S3 does not serve (multipart uploads, ACLs, tags, retention …). */
const SUBRESOURCES = new Set([
  'uploads',
  'uploadId',
  'partNumber',
  'acl',
  'tagging',
  'retention',
  'legal-hold',
  'torrent',
  'restore',
  'select',
  'attributes',
]);

type ListEntry = { object: ObjectVersion } | { prefix: string };

/** One page of a listing: objects after `after`, keys sharing a prefix up to the delimiter rolled up. */
function listPage(
  objects: readonly ObjectVersion[],
  {
    prefix,
    delimiter,
    after,
    maxKeys,
  }: { prefix: string; delimiter: string; after: string; maxKeys: number },
): { entries: ListEntry[]; truncated: boolean; last: string } {
  const entries: ListEntry[] = [];
  const seen = new Set<string>();
  let last = '';
  for (const object of objects) {
    if (object.key <= after) continue;
    const cut = delimiter ? object.key.indexOf(delimiter, prefix.length) : -1;
    const common = cut >= 0 ? object.key.slice(0, cut + delimiter.length) : undefined;
    if (common !== undefined && (seen.has(common) || common <= after)) continue;
    if (entries.length >= maxKeys) return { entries, truncated: true, last };
    if (common !== undefined) seen.add(common);
    entries.push(common !== undefined ? { prefix: common } : { object });
    last = common ?? object.key;
  }
  return { entries, truncated: false, last };
}

/** The elements of a ListBucketResult before its entries (ListObjectsV2, or ListObjects without list-type). */
function listHead(page: {
  bucket: string;
  prefix: string;
  delimiter: string;
  maxKeys: number;
  truncated: boolean;
  count: number;
  after: string;
  last: string;
  query: URLSearchParams;
  name: (value: string) => string;
}): string {
  const { query, name } = page;
  const v2 = query.get('list-type') === '2';
  const token = query.get('continuation-token');
  const elements = [
    `<Name>${escapeXml(page.bucket)}</Name>`,
    `<Prefix>${name(page.prefix)}</Prefix>`,
    page.delimiter ? `<Delimiter>${name(page.delimiter)}</Delimiter>` : '',
    query.get('encoding-type') === 'url' ? '<EncodingType>url</EncodingType>' : '',
    `<MaxKeys>${page.maxKeys}</MaxKeys>`,
    `<IsTruncated>${page.truncated}</IsTruncated>`,
  ];
  if (!v2) {
    elements.push(`<Marker>${name(page.after)}</Marker>`);
    if (page.truncated && page.delimiter) elements.push(`<NextMarker>${name(page.last)}</NextMarker>`);
    return elements.join('');
  }
  elements.push(`<KeyCount>${page.count}</KeyCount>`);
  if (token) elements.push(`<ContinuationToken>${escapeXml(token)}</ContinuationToken>`);
  if (query.has('start-after'))
    elements.push(`<StartAfter>${name(query.get('start-after') ?? '')}</StartAfter>`);
  if (page.truncated)
    elements.push(
      `<NextContinuationToken>${Buffer.from(page.last).toString('base64url')}</NextContinuationToken>`,
    );
  return elements.join('');
}

const notImplemented = () =>
  new S3Error(501, 'NotImplemented', 'A header you provided implies functionality that is not implemented');

const safeDecode = (value: string): string | undefined => {
  try {
    return decodeURIComponent(value);
  } catch {
    return undefined;
  }
};

/** Percent-encodes a key as S3 does in URLs and `encoding-type=url` listings (slashes kept). */
const encodeKey = (key: string) => key.split('/').map(encodeURIComponent).join('/');

const metadataOf = (headers: Record<string, string>) =>
  Object.fromEntries(
    Object.entries(headers)
      .filter(([name]) => name.startsWith('x-amz-meta-'))
      .map(([name, value]) => [name.slice(11), value]),
  );

function parseRange(header: string, size: number): { start: number; end: number } | undefined {
  const match = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  // S3 ignores a Range it cannot parse (multiple ranges included) and sends the whole object.
  if (!match || (match[1] === '' && match[2] === '')) return undefined;
  let start: number;
  let end: number;
  if (match[1] === '') {
    start = Math.max(0, size - Number(match[2]));
    end = size - 1;
  } else {
    start = Number(match[1]);
    end = match[2] === '' ? size - 1 : Math.min(Number(match[2]), size - 1);
  }
  if (start >= size || start > end) {
    throw new S3Error(416, 'InvalidRange', 'The requested range is not satisfiable', {
      RangeRequested: header,
      ActualObjectSize: size,
    });
  }
  return { start, end };
}

function xml(
  root: string,
  inner: string,
  options: { status?: number; headers?: Record<string, string>; bare?: boolean } = {},
): Answer {
  return {
    status: options.status ?? 200,
    headers: { 'content-type': 'application/xml', ...options.headers },
    body: xmlDocument(root, inner, options.bare ? undefined : 'http://s3.amazonaws.com/doc/2006-03-01/'),
  };
}

function errorAnswer(error: unknown, exchange: RawExchange): Answer {
  const failure =
    error instanceof AwsApiError
      ? error
      : new S3Error(
          500,
          'InternalError',
          `We encountered an internal error. Please try again. (${String(error)})`,
        );
  const details = failure instanceof S3Error ? failure.details : {};
  const inner = [
    `<Code>${escapeXml(failure.code)}</Code>`,
    `<Message>${escapeXml(failure.message)}</Message>`,
    ...Object.entries(details).map(([name, value]) => `<${name}>${escapeXml(String(value))}</${name}>`),
    `<RequestId>${exchange.requestId}</RequestId>`,
    `<HostId>${Buffer.from(exchange.requestId).toString('base64')}</HostId>`,
  ].join('');
  return {
    status: failure.status,
    headers: { 'content-type': 'application/xml', ...failure.headers },
    body: xmlDocument('Error', inner),
  };
}

async function write(exchange: RawExchange, answer: Answer): Promise<void> {
  const res = exchange.res as ServerResponse;
  const headers: Record<string, string> = {
    'x-amz-request-id': exchange.requestId,
    'x-amz-id-2': Buffer.from(exchange.requestId).toString('base64'),
    server: 'AmazonS3',
    ...answer.headers,
  };
  if (res.headersSent || res.destroyed) return;
  if (answer.file) {
    res.writeHead(answer.status, headers);
    const stream = createReadStream(answer.file.path, {
      ...(answer.file.start !== undefined ? { start: answer.file.start } : {}),
      ...(answer.file.end !== undefined ? { end: answer.file.end } : {}),
    });
    await new Promise<void>((resolve) => {
      stream.once('error', () => {
        res.destroy();
        resolve();
      });
      res.once('close', () => {
        stream.destroy();
        resolve();
      });
      stream.pipe(res);
    });
    return;
  }
  const body =
    exchange.method === 'HEAD' || answer.body === undefined ? Buffer.alloc(0) : Buffer.from(answer.body);
  if (exchange.method !== 'HEAD' || answer.body === undefined)
    headers['content-length'] ??= String(body.length);
  res.writeHead(answer.status, headers);
  res.end(body);
}
