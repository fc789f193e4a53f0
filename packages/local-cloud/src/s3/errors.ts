import { AwsApiError } from '../core/errors';

/**
 * An error S3 answers with: its XML `<Error>` carries `Code`, `Message` and, for some codes, more elements
 * (`ProposedSize`, `MaxSizeAllowed`, `Key`, `BucketName` …) that SDKs and people read.
 */
export class S3Error extends AwsApiError {
  constructor(
    status: number,
    code: string,
    message: string,
    /** Extra elements of the `<Error>` document, in order. */
    readonly details: Record<string, string | number> = {},
    headers: Record<string, string> = {},
  ) {
    super(status, code, message, headers);
    this.name = 'S3Error';
  }
}

export const noSuchBucket = (bucket: string) =>
  new S3Error(404, 'NoSuchBucket', 'The specified bucket does not exist', { BucketName: bucket });

export const noSuchKey = (key: string, headers: Record<string, string> = {}) =>
  new S3Error(404, 'NoSuchKey', 'The specified key does not exist.', { Key: key }, headers);

export const accessDenied = (message = 'Access Denied', details: Record<string, string | number> = {}) =>
  new S3Error(403, 'AccessDenied', message, details);

/** A POST policy refusal: S3 says `Invalid according to Policy: <why>`. */
export const policyRefusal = (why: string) => accessDenied(`Invalid according to Policy: ${why}`);

export const invalidPolicy = (why: string) =>
  new S3Error(400, 'InvalidPolicyDocument', `Invalid Policy: ${why}`);

export const signatureDoesNotMatch = () =>
  new S3Error(
    403,
    'SignatureDoesNotMatch',
    'The request signature we calculated does not match the signature you provided. Check your key and signing method.',
  );

export const invalidArgument = (message: string, name?: string, value?: string) =>
  new S3Error(400, 'InvalidArgument', message, {
    ...(name !== undefined ? { ArgumentName: name } : {}),
    ...(value !== undefined ? { ArgumentValue: value } : {}),
  });
