import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { createPresignedPost } from '@aws-sdk/s3-presigned-post';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { afterAll, describe, expect, it } from '@jest/globals';
import { S3Error } from './errors';
import { checkPresignedRequest, isPolicySignatureValid, parseAmzDate, parseCredential } from './sigv4';

const client = (secretAccessKey = 'local') =>
  new S3Client({
    endpoint: 'http://127.0.0.1:4566',
    region: 'eu-west-1',
    forcePathStyle: true,
    credentials: { accessKeyId: 'local', secretAccessKey },
  });
const signer = client();
afterAll(() => signer.destroy());

/** The request the local S3 would receive for a presigned URL. */
function received(url: string, method = 'GET') {
  const parsed = new URL(url);
  return { method, rawPath: parsed.pathname, query: parsed.searchParams, headers: { host: parsed.host } };
}

async function failure(check: Promise<unknown>) {
  const error = await check.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  if (!(error instanceof S3Error)) throw new Error(`expected an S3 error, got ${String(error)}`);
  return { status: error.status, code: error.code, message: error.message };
}

describe('presigned URL checks', () => {
  const presign = (key: string, expiresIn = 60, signingDate = new Date()) =>
    getSignedUrl(signer, new GetObjectCommand({ Bucket: 'receipts', Key: key }), { expiresIn, signingDate });

  it('accepts a URL the SDK presigned with the local secret (the access key id), keys with spaces and slashes too', async () => {
    const url = await presign('receipts/a b/ü+c');
    await expect(checkPresignedRequest(received(url), new Date())).resolves.toMatchObject({
      accessKeyId: 'local',
      region: 'eu-west-1',
      service: 's3',
    });
  });

  it('accepts a URL presigned with a session token, as functions presign with their env credentials', async () => {
    const withToken = new S3Client({
      endpoint: 'http://127.0.0.1:4566',
      region: 'eu-west-1',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local', sessionToken: 'local' },
    });
    const url = await getSignedUrl(withToken, new GetObjectCommand({ Bucket: 'receipts', Key: 'k' }));
    withToken.destroy();
    expect(new URL(url).searchParams.get('X-Amz-Security-Token')).toBe('local');
    await expect(checkPresignedRequest(received(url), new Date())).resolves.toMatchObject({
      accessKeyId: 'local',
    });
  });

  it('refuses it once expired, as S3 words it', async () => {
    const url = await presign('k', 60);
    expect(await failure(checkPresignedRequest(received(url), new Date(Date.now() + 61_000)))).toEqual({
      status: 403,
      code: 'AccessDenied',
      message: 'Request has expired',
    });
  });

  it('refuses another method, another key, another secret and a changed expiry', async () => {
    const url = await presign('k');
    const other = await getSignedUrl(client('guess'), new GetObjectCommand({ Bucket: 'receipts', Key: 'k' }));
    const cases = [
      received(url, 'DELETE'),
      received(url.replace('/k?', '/j?')),
      received(other),
      received(url.replace('X-Amz-Expires=60', 'X-Amz-Expires=600')),
    ];
    for (const request of cases) {
      expect((await failure(checkPresignedRequest(request, new Date()))).code).toBe('SignatureDoesNotMatch');
    }
  });

  it('refuses malformed parameters with AuthorizationQueryParametersError', async () => {
    const url = new URL(await presign('k'));
    url.searchParams.set('X-Amz-Credential', 'local/bad');
    expect((await failure(checkPresignedRequest(received(url.toString()), new Date()))).code).toBe(
      'AuthorizationQueryParametersError',
    );
  });
});

describe('POST policy signatures', () => {
  it('accepts the signature @aws-sdk/s3-presigned-post made, and refuses an altered policy or signature', async () => {
    const { fields } = await createPresignedPost(signer, { Bucket: 'receipts', Key: 'k' });
    const credential = parseCredential(fields['X-Amz-Credential'] ?? '');
    const date = parseAmzDate(fields['X-Amz-Date'] ?? '');
    if (!credential || !date) throw new Error('the SDK gave no credential or date');
    const policy = fields.Policy ?? '';
    const signature = fields['X-Amz-Signature'] ?? '';

    expect(await isPolicySignatureValid(policy, credential, date, signature)).toBe(true);
    expect(await isPolicySignatureValid(`${policy} `, credential, date, signature)).toBe(false);
    expect(await isPolicySignatureValid(policy, credential, date, signature.replace(/.$/, 'x'))).toBe(false);
    expect(
      await isPolicySignatureValid(policy, { ...credential, accessKeyId: 'other' }, date, signature),
    ).toBe(false);
    expect(
      await isPolicySignatureValid(policy, credential, new Date(date.getTime() + 86_400_000), signature),
    ).toBe(false);
  });
});
