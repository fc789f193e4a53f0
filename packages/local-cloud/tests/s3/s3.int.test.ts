import { request as httpRequest } from 'node:http';
import { Readable } from 'node:stream';
import {
  CopyObjectCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  ListBucketsCommand,
  ListObjectsV2Command,
  ListObjectVersionsCommand,
  NoSuchBucket,
  NoSuchKey,
  PutObjectCommand,
  S3Client,
  S3ServiceException,
} from '@aws-sdk/client-s3';
import { ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { createPresignedPost } from '@aws-sdk/s3-presigned-post';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { BusEvent } from '../../src/core/ports';
import { deployStacks } from '../../src/deploy';
import { EventBridgeEngine, eventsResourceProviders } from '../../src/events';
import { Gateway } from '../../src/gateway';
import { S3Api, S3BucketProvider, S3Engine } from '../../src/s3';
import { S3Error } from '../../src/s3/errors';
import { SqsEngine } from '../../src/sqs';
import { freshCloud } from '../httpApi/support';
import { BUCKET, fixtureStack, IMAGE_POLICY, PNG } from './fixture';

const { cloud, recorded } = freshCloud();
const sqs = new SqsEngine(cloud);
cloud.sqs = sqs;
const events = new EventBridgeEngine(cloud);
cloud.events = events;
const s3 = new S3Engine(cloud);
/** The local S3's clock runs `skewMs` ahead of the real one, to see presigned URLs and policies expire. */
let skewMs = 0;
const gateway = new Gateway({
  host: '127.0.0.1',
  port: 0,
  apis: [sqs],
  rawApis: [new S3Api(s3, () => new Date(Date.now() + skewMs))],
});
const credentials = { accessKeyId: 'local', secretAccessKey: 'local' };
let endpoint: string;
let client: S3Client;
let queue: SQSClient;
let queueUrl: string;

beforeAll(async () => {
  endpoint = await gateway.start();
  const deployed = await deployStacks(
    [fixtureStack()],
    [...sqs.providers(), ...eventsResourceProviders(events), new S3BucketProvider(s3)],
    cloud,
  );
  queueUrl = String(deployed.stacks.find((stack) => stack.name === 'receipts')?.outputs.TapQueueUrl ?? '');
  client = new S3Client({ endpoint, region: 'eu-west-1', credentials, forcePathStyle: true });
  queue = new SQSClient({ endpoint, region: 'eu-west-1', credentials });
});

afterAll(async () => {
  client.destroy();
  queue.destroy();
  await gateway.stop();
  await sqs.stop();
  await s3.stop();
});

/** The S3 error a failed call raised: its code, status and message. */
async function s3Failure(call: Promise<unknown>) {
  const error = await call.then(
    () => undefined,
    (failure: unknown) => failure,
  );
  if (!(error instanceof S3ServiceException)) throw new Error(`expected an S3 error, got ${String(error)}`);
  return { error, code: error.name, status: error.$metadata.httpStatusCode, message: error.message };
}

/** A browser-style multipart upload of `body` to a presigned POST. */
async function upload(
  post: { url: string; fields: Record<string, string> },
  body: Buffer,
  extra: Record<string, string> = {},
) {
  const form = new FormData();
  for (const [name, value] of Object.entries({ ...post.fields, ...extra })) form.append(name, value);
  form.append('file', new Blob([body]), 'receipt.png');
  const response = await fetch(post.url, { method: 'POST', body: form });
  return { status: response.status, text: await response.text(), headers: response.headers };
}

/** A GET with headers fetch cannot set (Host). */
function rawGet(port: string, path: string, headers: Record<string, string>) {
  return new Promise<{ status: number; body: Buffer }>((resolve, reject) => {
    const request = httpRequest({ host: '127.0.0.1', port, path, headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks) }));
    });
    request.once('error', reject);
    request.end();
  });
}

const xmlField = (xml: string, name: string) => new RegExp(`<${name}>([^<]*)</${name}>`).exec(xml)?.[1];

/** A hex signature with its last digit changed: always a different signature, whatever digit it ended in. */
const alterLastHexDigit = (signature: string) =>
  `${signature.slice(0, -1)}${signature.endsWith('0') ? '1' : '0'}`;

/** Receives from the tap queue until `count` S3 events about `key` arrived (others are dropped). */
async function tappedEvents(key: string, count: number): Promise<BusEvent[]> {
  const received: BusEvent[] = [];
  while (received.length < count) {
    const { Messages = [] } = await queue.send(
      new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 5 }),
    );
    if (Messages.length === 0) throw new Error(`only ${received.length} of ${count} events arrived`);
    const events = Messages.map((message) => JSON.parse(message.Body ?? '{}') as BusEvent);
    received.push(
      ...events.filter((event) => (event.detail as { object: { key: string } }).object.key === key),
    );
  }
  return received;
}

const imagePost = (key: string, expires = 300, fields: Record<string, string> = {}) =>
  createPresignedPost(client, {
    Bucket: BUCKET,
    Key: key,
    Conditions: IMAGE_POLICY,
    Fields: { 'Content-Type': 'image/png', ...fields },
    Expires: expires,
  });

describe('the local S3 through @aws-sdk/client-s3', () => {
  it('deploys the template bucket and reports by name what it does not honour', () => {
    expect(s3.bucketNames()).toEqual([BUCKET]);
    const reported = recorded.unsupported.filter((item) => item.stack === 'receipts');
    expect(reported.map((item) => `${item.logicalId} ${item.property}`)).toEqual(
      expect.arrayContaining([
        'ReceiptsBucket LifecycleConfiguration.Rules[archive].Transitions',
        'ReceiptsBucket AnalyticsConfigurations',
        'ReceiptsBucketPolicy PolicyDocument (aws:SecureTransport deny)',
      ]),
    );
  });

  it('puts, gets, heads, lists and deletes objects, keeping versions and delete markers', async () => {
    const key = 'receipts/user-1/expense-1/first';
    const v1 = await client.send(
      new PutObjectCommand({ Bucket: BUCKET, Key: key, Body: 'one', ContentType: 'text/plain' }),
    );
    const v2 = await client.send(
      new PutObjectCommand({ Bucket: BUCKET, Key: key, Body: 'second', Metadata: { checked: 'no' } }),
    );
    expect(v1.VersionId).toBeDefined();
    expect(v2.VersionId).not.toBe(v1.VersionId);

    const got = await client.send(new GetObjectCommand({ Bucket: BUCKET, Key: key }));
    expect(await got.Body?.transformToString()).toBe('second');
    expect(got.Metadata).toEqual({ checked: 'no' });
    const old = await client.send(
      new GetObjectCommand({ Bucket: BUCKET, Key: key, VersionId: v1.VersionId }),
    );
    expect(old.ContentType).toBe('text/plain');
    expect(await old.Body?.transformToString()).toBe('one');
    const range = await client.send(new GetObjectCommand({ Bucket: BUCKET, Key: key, Range: 'bytes=1-3' }));
    expect(await range.Body?.transformToString()).toBe('eco');
    const head = await client.send(new HeadObjectCommand({ Bucket: BUCKET, Key: key }));
    expect(head.ContentLength).toBe(6);
    expect(head.ETag).toBe(v2.ETag);
    const listed = await client.send(
      new ListObjectsV2Command({ Bucket: BUCKET, Prefix: 'receipts/user-1/' }),
    );
    expect(listed.Contents?.map((object) => object.Key)).toEqual([key]);

    const deleted = await client.send(new DeleteObjectCommand({ Bucket: BUCKET, Key: key }));
    expect(deleted.DeleteMarker).toBe(true);
    expect(
      (await s3Failure(client.send(new GetObjectCommand({ Bucket: BUCKET, Key: key })))).error,
    ).toBeInstanceOf(NoSuchKey);
    expect((await s3Failure(client.send(new HeadObjectCommand({ Bucket: BUCKET, Key: key })))).status).toBe(
      404,
    );
    const versions = await client.send(new ListObjectVersionsCommand({ Bucket: BUCKET, Prefix: key }));
    expect(versions.Versions?.map((version) => version.VersionId)).toEqual([v2.VersionId, v1.VersionId]);
    expect(versions.DeleteMarkers).toEqual([
      expect.objectContaining({ Key: key, VersionId: deleted.VersionId, IsLatest: true }),
    ]);

    const missing = await s3Failure(
      client.send(new GetObjectCommand({ Bucket: 'no-such-bucket', Key: key })),
    );
    expect(missing.error).toBeInstanceOf(NoSuchBucket);
  });

  it('takes a streamed body (aws-chunked with a checksum trailer) and copies objects', async () => {
    const key = 'receipts/user-1/expense-1/streamed';
    await client.send(
      new PutObjectCommand({
        Bucket: BUCKET,
        Key: key,
        Body: Readable.from([Buffer.from('chunk-1,'), Buffer.alloc(70_000, 97), Buffer.from(',chunk-3')]),
        ContentLength: 70_016,
      }),
    );
    const stored = await s3.read(BUCKET, key);
    expect(stored.length).toBe(70_016);
    expect(stored.subarray(0, 8).toString()).toBe('chunk-1,');
    expect(stored.subarray(-8).toString()).toBe(',chunk-3');

    await client.send(
      new CopyObjectCommand({ Bucket: BUCKET, Key: `${key}-copy`, CopySource: `${BUCKET}/${key}` }),
    );
    expect((await s3.read(BUCKET, `${key}-copy`)).equals(stored)).toBe(true);
  });

  it('lists buckets, heads one, and pages a listing with a delimiter', async () => {
    const { Buckets = [] } = await client.send(new ListBucketsCommand({}));
    expect(Buckets.map((bucket) => bucket.Name)).toEqual([BUCKET]);
    expect((await client.send(new HeadBucketCommand({ Bucket: BUCKET }))).BucketRegion).toBe('eu-west-1');
    for (const key of ['pages/a/1', 'pages/a/2', 'pages/b', 'pages/c/1']) {
      await client.send(new PutObjectCommand({ Bucket: BUCKET, Key: key, Body: key }));
    }

    const first = await client.send(
      new ListObjectsV2Command({ Bucket: BUCKET, Prefix: 'pages/', Delimiter: '/', MaxKeys: 2 }),
    );
    const second = await client.send(
      new ListObjectsV2Command({
        Bucket: BUCKET,
        Prefix: 'pages/',
        Delimiter: '/',
        MaxKeys: 2,
        ContinuationToken: first.NextContinuationToken,
      }),
    );

    expect(first.CommonPrefixes?.map((prefix) => prefix.Prefix)).toEqual(['pages/a/']);
    expect(first.Contents?.map((object) => object.Key)).toEqual(['pages/b']);
    expect(first.IsTruncated).toBe(true);
    expect(second.CommonPrefixes?.map((prefix) => prefix.Prefix)).toEqual(['pages/c/']);
    expect(second.IsTruncated).toBe(false);
  });

  it('sends Object Created and Object Deleted to the default bus with the detail S3 sends', async () => {
    const key = 'receipts/user-2/expense-2/r1';
    const put = await client.send(new PutObjectCommand({ Bucket: BUCKET, Key: key, Body: PNG }));
    const deleted = await client.send(new DeleteObjectCommand({ Bucket: BUCKET, Key: key }));

    const tapped = await tappedEvents(key, 2);

    expect(tapped.map((event) => event['detail-type'])).toEqual(['Object Created', 'Object Deleted']);
    expect(tapped[0]).toMatchObject({
      source: 'aws.s3',
      account: '000000000000',
      resources: [`arn:aws:s3:::${BUCKET}`],
      detail: {
        version: '0',
        bucket: { name: BUCKET },
        object: { key, size: PNG.length, etag: put.ETag?.replaceAll('"', ''), 'version-id': put.VersionId },
        requester: '000000000000',
        reason: 'PutObject',
      },
    });
    expect(tapped[1]?.detail).toMatchObject({
      object: { key, 'version-id': deleted.VersionId },
      reason: 'DeleteObject',
      'deletion-type': 'Delete Marker Created',
    });
    for (const event of tapped) {
      const detail = event.detail as Record<string, unknown> & { object: { sequencer: string } };
      expect(detail['request-id']).toEqual(expect.any(String));
      expect(detail['source-ip-address']).toEqual(expect.any(String));
      expect(detail.object.sequencer).toMatch(/^[0-9A-F]{18}$/);
    }
  });
});

describe('presigned POST: the policy is enforced as S3 enforces it', () => {
  it('accepts an upload that meets the policy, storing it with its content type', async () => {
    const key = 'receipts/user-3/expense-3/ok';
    const post = await imagePost(key, 300, { success_action_status: '201' });

    const answer = await upload(post, PNG);

    expect(answer.status).toBe(201);
    expect(xmlField(answer.text, 'Key')).toBe(key);
    const head = await client.send(new HeadObjectCommand({ Bucket: BUCKET, Key: key }));
    expect(head).toMatchObject({ ContentType: 'image/png', ContentLength: PNG.length });
  });

  it("accepts a policy signed with a function's env credentials (session token included)", async () => {
    const functionClient = new S3Client({
      endpoint,
      region: 'eu-west-1',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local', sessionToken: 'local' },
    });
    const post = await createPresignedPost(functionClient, {
      Bucket: BUCKET,
      Key: 'receipts/user-3/expense-3/from-function',
      Conditions: IMAGE_POLICY,
      Fields: { 'Content-Type': 'image/png' },
    });
    functionClient.destroy();

    expect(post.fields['X-Amz-Security-Token']).toBe('local');
    expect((await upload(post, PNG)).status).toBe(204);
  });

  it("authorises a browser upload as its signer's PutObject on the key, before storing a byte of it", async () => {
    const asked: { method: string; key?: string; accessKeyId?: string }[] = [];
    // The same engine behind an S3 API with IAM: the key `ASIADENIEDSIGNER` stands for a role without s3:PutObject.
    const guarded = new Gateway({
      host: '127.0.0.1',
      port: 0,
      apis: [],
      rawApis: [
        new S3Api(s3, undefined, async (request, accessKeyId) => {
          asked.push({ method: request.method, ...(request.key ? { key: request.key } : {}), accessKeyId });
          if (accessKeyId === 'ASIADENIEDSIGNER' && request.method === 'PUT')
            throw new S3Error(403, 'AccessDenied', 'Access Denied');
        }),
      ],
    });
    const guardedEndpoint = await guarded.start();
    const signedBy = (accessKeyId: string) =>
      new S3Client({
        endpoint: guardedEndpoint,
        region: 'eu-west-1',
        credentials: { accessKeyId, secretAccessKey: accessKeyId },
        forcePathStyle: true,
      });
    const post = async (accessKeyId: string, key: string) => {
      const signer = signedBy(accessKeyId);
      const form = await createPresignedPost(signer, {
        Bucket: BUCKET,
        Key: key,
        Conditions: IMAGE_POLICY,
        Fields: { 'Content-Type': 'image/png' },
      });
      signer.destroy();
      return upload(form, PNG);
    };
    try {
      const refusedKey = 'receipts/user-9/expense-9/refused';
      const refused = await post('ASIADENIEDSIGNER', refusedKey);
      const allowed = await post('local', 'receipts/user-9/expense-9/allowed');

      expect(refused.status).toBe(403);
      expect(refused.text).toContain('<Code>AccessDenied</Code>');
      expect(
        (await s3Failure(client.send(new HeadObjectCommand({ Bucket: BUCKET, Key: refusedKey })))).status,
      ).toBe(404);
      expect(allowed.status).toBe(204);
      expect(asked).toEqual(
        expect.arrayContaining([
          { method: 'PUT', key: refusedKey, accessKeyId: 'ASIADENIEDSIGNER' },
          { method: 'PUT', key: 'receipts/user-9/expense-9/allowed', accessKeyId: 'local' },
        ]),
      );
    } finally {
      await guarded.stop();
    }
  });

  it('answers 204 by default, and names the key Location', async () => {
    const post = await imagePost('receipts/user-3/expense-3/plain');
    const answer = await upload(post, PNG);
    expect(answer.status).toBe(204);
    expect(answer.headers.get('location')).toBe(`${endpoint}/${BUCKET}/receipts/user-3/expense-3/plain`);
  });

  it.each([
    [
      'oversize',
      Buffer.alloc(2049, 1),
      400,
      'EntityTooLarge',
      'Your proposed upload exceeds the maximum allowed size',
    ],
    [
      'undersize',
      Buffer.alloc(7, 1),
      400,
      'EntityTooSmall',
      'Your proposed upload is smaller than the minimum allowed size',
    ],
  ])('refuses an %s file with the sizes', async (_case, body, status, code, message) => {
    const key = `receipts/user-4/expense-4/${code}`;
    const answer = await upload(await imagePost(key), body);
    expect(answer.status).toBe(status);
    expect(xmlField(answer.text, 'Code')).toBe(code);
    expect(xmlField(answer.text, 'Message')).toBe(message);
    expect(xmlField(answer.text, 'ProposedSize')).toBe(String(body.length));
    expect(answer.text).toContain(code === 'EntityTooLarge' ? '<MaxSizeAllowed>2048<' : '<MinSizeAllowed>8<');
    expect(s3.list(BUCKET, key)).toEqual([]);
  });

  it.each([
    [
      'a wrong content type',
      { 'Content-Type': 'application/pdf' },
      'Policy Condition failed: ["eq", "$Content-Type", "image/png"]',
    ],
    [
      'a different key',
      { key: 'receipts/user-5/other/id' },
      'Policy Condition failed: ["eq", "$key", "receipts/user-5/expense-5/id"]',
    ],
    ['a field the policy does not name', { 'x-amz-meta-note': 'hi' }, 'Extra input fields: x-amz-meta-note'],
    [
      'a status the policy does not name',
      { success_action_status: '201' },
      'Extra input fields: success_action_status',
    ],
  ])('refuses %s: 403 AccessDenied "Invalid according to Policy"', async (_case, change, why) => {
    const post = await imagePost('receipts/user-5/expense-5/id');
    const answer = await upload(post, PNG, change);
    expect(answer.status).toBe(403);
    expect(xmlField(answer.text, 'Code')).toBe('AccessDenied');
    expect(xmlField(answer.text, 'Message')).toBe(
      `Invalid according to Policy: ${why}`.replaceAll('"', '&quot;'),
    );
    expect(s3.list(BUCKET, 'receipts/user-5/')).toEqual([]);
  });

  it('refuses an expired policy', async () => {
    const post = await imagePost('receipts/user-6/expense-6/late', 60);
    skewMs = 61_000;
    try {
      const answer = await upload(post, PNG);
      expect(answer.status).toBe(403);
      expect(xmlField(answer.text, 'Message')).toBe('Invalid according to Policy: Policy expired.');
    } finally {
      skewMs = 0;
    }
  });

  it('refuses a policy or signature altered after signing, or signed with another secret', async () => {
    const post = await imagePost('receipts/user-7/expense-7/id');
    const policy = JSON.parse(Buffer.from(post.fields.Policy ?? '', 'base64').toString()) as {
      conditions: unknown[];
    };
    policy.conditions = policy.conditions.map((condition) =>
      Array.isArray(condition) && condition[0] === 'content-length-range'
        ? ['content-length-range', 0, 10 ** 9]
        : condition,
    );
    const widened = Buffer.from(JSON.stringify(policy)).toString('base64');
    const otherSecret = await createPresignedPost(
      new S3Client({
        endpoint,
        region: 'eu-west-1',
        credentials: { accessKeyId: 'local', secretAccessKey: 'guess' },
      }),
      {
        Bucket: BUCKET,
        Key: 'receipts/user-7/expense-7/id',
        Conditions: IMAGE_POLICY,
        Fields: { 'Content-Type': 'image/png' },
      },
    );

    const answers = [
      await upload(post, PNG, { Policy: widened }),
      await upload(post, PNG, { 'X-Amz-Signature': alterLastHexDigit(post.fields['X-Amz-Signature'] ?? '') }),
      await upload(otherSecret, PNG),
    ];

    for (const answer of answers) {
      expect(answer.status).toBe(403);
      expect(xmlField(answer.text, 'Code')).toBe('SignatureDoesNotMatch');
    }
    expect(s3.list(BUCKET, 'receipts/user-7/')).toEqual([]);
  });

  it('refuses a form without a key or a policy as S3 does', async () => {
    const post = await imagePost('receipts/user-8/expense-8/id');
    const { key: _key, ...noKey } = post.fields;
    const withoutKey = await upload({ url: post.url, fields: noKey }, PNG);
    expect(withoutKey.status).toBe(400);
    expect(xmlField(withoutKey.text, 'Code')).toBe('InvalidArgument');
    const anonymous = await upload({ url: post.url, fields: { key: 'receipts/x' } }, PNG);
    expect(anonymous.status).toBe(403);
    expect(xmlField(anonymous.text, 'Code')).toBe('AccessDenied');
    const broken = await upload(post, PNG, { Policy: Buffer.from('{not json').toString('base64') });
    expect(xmlField(broken.text, 'Code')).toBe('InvalidPolicyDocument');
  });
});

describe('presigned GET and the browser rules', () => {
  const key = 'receipts/user-9/expense-9/shown';

  beforeAll(async () => {
    await client.send(
      new PutObjectCommand({ Bucket: BUCKET, Key: key, Body: PNG, ContentType: 'image/png' }),
    );
  });

  it('serves a presigned GET, also to an <img> another site starts', async () => {
    const url = await getSignedUrl(client, new GetObjectCommand({ Bucket: BUCKET, Key: key }), {
      expiresIn: 60,
    });
    const direct = await fetch(url);
    expect(direct.status).toBe(200);
    expect(Buffer.from(await direct.arrayBuffer())).toEqual(PNG);
    const image = await fetch(url, {
      headers: { 'sec-fetch-site': 'cross-site', 'sec-fetch-mode': 'no-cors' },
    });
    expect(image.status).toBe(200);
  });

  it('refuses an expired presigned GET with "Request has expired", and an altered one', async () => {
    const url = await getSignedUrl(client, new GetObjectCommand({ Bucket: BUCKET, Key: key }), {
      expiresIn: 60,
    });
    skewMs = 61_000;
    try {
      const expired = await fetch(url);
      const text = await expired.text();
      expect(expired.status).toBe(403);
      expect(xmlField(text, 'Code')).toBe('AccessDenied');
      expect(xmlField(text, 'Message')).toBe('Request has expired');
    } finally {
      skewMs = 0;
    }
    const altered = await fetch(url.replace('shown', 'other'));
    expect(altered.status).toBe(403);
    expect(xmlField(await altered.text(), 'Code')).toBe('SignatureDoesNotMatch');
  });

  it("keeps the endpoint's other rules: a foreign Host is refused, and a browser Origin off the buckets' paths too", async () => {
    const { port } = new URL(endpoint);
    const rebound = await rawGet(port, `/${BUCKET}/${key}`, { host: `evil.example:${port}` });
    expect(rebound.status).toBe(403);
    expect(xmlField(rebound.body.toString(), 'Code')).toBe('ForbiddenHost');

    const offBucket = await fetch(`${endpoint}/not-a-bucket/x`, {
      headers: { origin: 'http://localhost:3000' },
    });
    expect(offBucket.status).toBe(403);
    expect(offBucket.headers.get('x-amzn-errortype')).toBe('ForbiddenOrigin');
  });

  it('serves a presigned PUT and a <bucket>.localhost virtual-hosted read', async () => {
    const url = await getSignedUrl(client, new PutObjectCommand({ Bucket: BUCKET, Key: `${key}-put` }), {
      expiresIn: 60,
    });
    const put = await fetch(url, { method: 'PUT', body: PNG });
    expect(put.status).toBe(200);

    const { port } = new URL(endpoint);
    const hosted = await new Promise<{ status: number; body: Buffer }>((resolve, reject) => {
      const request = httpRequest(
        { host: '127.0.0.1', port, path: `/${key}-put`, headers: { host: `${BUCKET}.localhost:${port}` } },
        (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('end', () =>
            resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks) }),
          );
        },
      );
      request.once('error', reject);
      request.end();
    });
    expect(hosted.status).toBe(200);
    expect(hosted.body).toEqual(PNG);
  });

  it('refuses an unsigned read another site starts', async () => {
    const response = await fetch(`${endpoint}/${BUCKET}/${key}`, {
      headers: { 'sec-fetch-site': 'cross-site' },
    });
    expect(response.status).toBe(403);
  });

  it('answers a CORS preflight from an allowed origin (any loopback port) and refuses another origin', async () => {
    const preflight = (origin: string) =>
      fetch(`${endpoint}/${BUCKET}`, {
        method: 'OPTIONS',
        headers: {
          origin,
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'content-type',
        },
      });

    const allowed = await preflight('http://localhost:5173');
    expect(allowed.status).toBe(200);
    expect(allowed.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
    expect(allowed.headers.get('access-control-allow-methods')).toContain('POST');
    expect(allowed.headers.get('access-control-max-age')).toBe('300');

    const refused = await preflight('https://evil.example');
    expect(refused.status).toBe(403);
    expect(xmlField(await refused.text(), 'Code')).toBe('AccessForbidden');

    const read = await fetch(`${endpoint}/${BUCKET}/${key}`, { headers: { origin: 'https://evil.example' } });
    expect(read.status).toBe(403);
    expect(read.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('uploads from the allowed origin with the CORS headers on the answer', async () => {
    const post = await imagePost('receipts/user-9/expense-9/browser');
    const form = new FormData();
    for (const [name, value] of Object.entries(post.fields)) form.append(name, value);
    form.append('file', new Blob([PNG]), 'r.png');
    const response = await fetch(post.url, {
      method: 'POST',
      body: form,
      headers: { origin: 'http://127.0.0.1:3999' },
    });
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe('http://127.0.0.1:3999');
    expect(response.headers.get('access-control-expose-headers')).toBe('ETag');
  });
});

describe('storage', () => {
  it('keeps objects and versions across a restart (a new engine on the same data folder)', async () => {
    const key = 'receipts/user-10/expense-10/kept';
    await client.send(new PutObjectCommand({ Bucket: BUCKET, Key: key, Body: 'kept' }));
    const reopened = new S3Engine(cloud);
    await reopened.createBucket(s3.config(BUCKET));
    expect((await reopened.read(BUCKET, key)).toString()).toBe('kept');
    expect(reopened.listVersions(BUCKET, 'receipts/user-1/expense-1/first').length).toBe(3);
  });
});
