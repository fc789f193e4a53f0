import { S3Client } from '@aws-sdk/client-s3';
import { requireEnv } from '@spendwise/lambda-kit/env';
import { traceClient } from '@spendwise/lambda-kit/observability';
import { buildReceiptFiles } from './receiptFiles';

/**
 * The receipts bucket of a deployed function (RECEIPTS_BUCKET_NAME), one client built at cold start. The endpoint
 * comes from AWS_ENDPOINT_URL(_S3) like every other client, so the local cloud's S3 serves it there; an IP
 * endpoint makes the SDK use path-style URLs by itself.
 */
export const receiptFiles = buildReceiptFiles(traceClient(new S3Client({})), {
  bucketName: requireEnv('RECEIPTS_BUCKET_NAME'),
});
