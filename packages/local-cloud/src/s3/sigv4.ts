import { createHash, createHmac, type Hash, type Hmac, timingSafeEqual } from 'node:crypto';
import { getCanonicalQuery, SignatureV4 } from '@smithy/signature-v4';
import { accessDenied, S3Error, signatureDoesNotMatch } from './errors';

type SourceData = string | ArrayBuffer | ArrayBufferView;

const bytesOf = (data: SourceData): Buffer =>
  typeof data === 'string'
    ? Buffer.from(data, 'utf8')
    : ArrayBuffer.isView(data)
      ? Buffer.from(data.buffer, data.byteOffset, data.byteLength)
      : Buffer.from(data);

/** SHA-256 (or HMAC-SHA-256 with a secret) from node:crypto, in the shape @smithy/signature-v4 asks for. */
class NodeSha256 {
  private hash: Hash | Hmac;
  constructor(private readonly secret?: SourceData) {
    this.hash = this.fresh();
  }
  private fresh(): Hash | Hmac {
    return this.secret === undefined ? createHash('sha256') : createHmac('sha256', bytesOf(this.secret));
  }
  update(data: Uint8Array): void {
    this.hash.update(data);
  }
  async digest(): Promise<Uint8Array> {
    return new Uint8Array(this.hash.digest());
  }
  reset(): void {
    this.hash = this.fresh();
  }
}

/**
 * The secret the local cloud expects behind an access key id: the id itself. Functions run with their own
 * `ASIA…` key as both (iam/credentials.ts), tests and the CLI use any `id` / `id` pair (`test` / `test`). No stored
 * secrets, yet a presigned URL or POST policy signed with another secret, or altered after signing, is refused
 * as S3 refuses it (see docs/adr/0014).
 */
export const localSecretFor = (accessKeyId: string) => accessKeyId;

/** `AKID/20260101/eu-west-1/s3/aws4_request`, split. */
export interface CredentialScope {
  accessKeyId: string;
  date: string;
  region: string;
  service: string;
}

export function parseCredential(value: string): CredentialScope | undefined {
  const parts = value.split('/');
  if (parts.length !== 5 || parts[4] !== 'aws4_request') return undefined;
  const [accessKeyId, date, region, service] = parts as [string, string, string, string];
  if (!accessKeyId || !/^\d{8}$/.test(date) || !region || !service) return undefined;
  return { accessKeyId, date, region, service };
}

/** `20260101T120000Z` as a Date, or undefined. */
export function parseAmzDate(value: string): Date | undefined {
  const match = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value);
  if (!match) return undefined;
  const [, y, mo, d, h, mi, s] = match.map(Number) as number[];
  const date = new Date(Date.UTC(y!, mo! - 1, d!, h!, mi!, s!));
  return Number.isNaN(date.getTime()) ? undefined : date;
}

/** HMAC of `stringToSign` with the SigV4 signing key of `scope` (the local secret of its access key). */
async function signString(scope: CredentialScope, signingDate: Date, stringToSign: string): Promise<string> {
  const signer = new SignatureV4({
    credentials: { accessKeyId: scope.accessKeyId, secretAccessKey: localSecretFor(scope.accessKeyId) },
    region: scope.region,
    service: scope.service,
    sha256: NodeSha256,
    uriEscapePath: false,
  });
  return signer.sign(stringToSign, {
    signingDate,
    signingRegion: scope.region,
    signingService: scope.service,
  });
}

const sameSignature = (expected: string, given: string) =>
  expected.length === given.length && timingSafeEqual(Buffer.from(expected), Buffer.from(given));

/**
 * Whether a browser-based upload's `x-amz-signature` is the SigV4 signature of its base64 `policy` with the
 * scope of `x-amz-credential` (POST policy signing: the string to sign is the policy itself).
 */
export async function isPolicySignatureValid(
  policy: string,
  credential: CredentialScope,
  signingDate: Date,
  signature: string,
): Promise<boolean> {
  if (credential.date !== signingDate.toISOString().slice(0, 10).replaceAll('-', '')) return false;
  return sameSignature(await signString(credential, signingDate, policy), signature.toLowerCase());
}

/** A request authenticated by query parameters (a presigned URL), as the S3 API receives it. */
export interface PresignedRequest {
  method: string;
  /** The path exactly as sent (still percent-encoded): S3 signs it without normalising. */
  rawPath: string;
  query: URLSearchParams;
  /** Lower-cased names. */
  headers: Record<string, string>;
}

const PRESIGN_MAX_SECONDS = 604_800;

const queryError = (message: string) => new S3Error(400, 'AuthorizationQueryParametersError', message);

/**
 * Checks a presigned URL as S3 does: its parameters, its expiry (`X-Amz-Date` + `X-Amz-Expires`, 403
 * `AccessDenied` "Request has expired"), then its signature against the local secret of its access key.
 *
 * @throws S3Error AuthorizationQueryParametersError, AccessDenied or SignatureDoesNotMatch
 */
export async function checkPresignedRequest(request: PresignedRequest, now: Date): Promise<CredentialScope> {
  const q = request.query;
  if (q.get('X-Amz-Algorithm') !== 'AWS4-HMAC-SHA256')
    throw queryError('X-Amz-Algorithm only supports "AWS4-HMAC-SHA256"');
  const credential = parseCredential(q.get('X-Amz-Credential') ?? '');
  if (!credential)
    throw queryError(
      'Error parsing the X-Amz-Credential parameter; the Credential is mal-formed; expecting "<YOUR-AKID>/YYYYMMDD/REGION/SERVICE/aws4_request".',
    );
  const signingDate = parseAmzDate(q.get('X-Amz-Date') ?? '');
  if (!signingDate)
    throw queryError("X-Amz-Date must be in the ISO8601 Long Format \"yyyyMMdd'T'HHmmss'Z'\"");
  const expiresText = q.get('X-Amz-Expires') ?? '';
  const expires = Number(expiresText);
  if (!/^\d+$/.test(expiresText)) throw queryError('X-Amz-Expires should be a number');
  if (expires > PRESIGN_MAX_SECONDS)
    throw queryError('X-Amz-Expires must be less than a week (in seconds) that is 604800');
  const expiry = new Date(signingDate.getTime() + expires * 1000);
  if (now.getTime() > expiry.getTime()) {
    throw accessDenied('Request has expired', {
      'X-Amz-Expires': expiresText,
      Expires: expiry.toISOString().replace(/\.\d{3}Z$/, 'Z'),
      ServerTime: now.toISOString().replace(/\.\d{3}Z$/, 'Z'),
    });
  }
  const signedHeaders = (q.get('X-Amz-SignedHeaders') ?? '').split(';').filter(Boolean);
  if (!signedHeaders.includes('host'))
    throw queryError(
      'Query-string authentication requires the X-Amz-SignedHeaders parameter to include host',
    );
  const query: Record<string, string | string[]> = {};
  for (const [name, value] of q) {
    const previous = query[name];
    query[name] = previous === undefined ? value : [previous, value].flat();
  }
  const canonicalHeaders = signedHeaders
    .map((name) => `${name}:${(request.headers[name] ?? '').trim().replace(/\s+/g, ' ')}\n`)
    .join('');
  const payloadHash = q.get('X-Amz-Content-Sha256') ?? 'UNSIGNED-PAYLOAD';
  const canonicalRequest = [
    request.method,
    request.rawPath,
    getCanonicalQuery({ query } as Parameters<typeof getCanonicalQuery>[0]),
    canonicalHeaders,
    signedHeaders.join(';'),
    payloadHash,
  ].join('\n');
  const scope = `${credential.date}/${credential.region}/${credential.service}/aws4_request`;
  const stringToSign = [
    'AWS4-HMAC-SHA256',
    q.get('X-Amz-Date'),
    scope,
    createHash('sha256').update(canonicalRequest).digest('hex'),
  ].join('\n');
  const expected = await signString(credential, signingDate, stringToSign);
  if (!sameSignature(expected, (q.get('X-Amz-Signature') ?? '').toLowerCase())) throw signatureDoesNotMatch();
  return credential;
}
