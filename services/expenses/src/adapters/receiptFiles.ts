import { DeleteObjectCommand, GetObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { createPresignedPost } from '@aws-sdk/s3-presigned-post';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { MAX_RECEIPT_BYTES } from '../domain/receipt';
import type { ReceiptFiles } from '../ports';

export interface ReceiptFilesConfig {
  bucketName: string;
  /** How long a presigned POST may be used (default 5 minutes). */
  uploadExpiresInSeconds?: number;
  /** How long a presigned GET may be used (default 5 minutes). */
  downloadExpiresInSeconds?: number;
  now?: () => Date;
}

/** The receipts bucket through the S3 SDK: presigned POST and GET, a ranged read, deletes. */
export function buildReceiptFiles(client: S3Client, config: ReceiptFilesConfig): ReceiptFiles {
  const { bucketName } = config;
  const now = config.now ?? (() => new Date());
  const uploadTtl = config.uploadExpiresInSeconds ?? 300;
  const downloadTtl = config.downloadExpiresInSeconds ?? 300;
  const expiresAt = (seconds: number) => new Date(now().getTime() + seconds * 1000).toISOString();

  return {
    async presignUpload(key, contentType) {
      // createPresignedPost adds the bucket and key conditions itself; the policy also pins the type and size,
      // so S3 refuses any other key, a different Content-Type, an empty file or one over 10 MiB.
      const { url, fields } = await createPresignedPost(client, {
        Bucket: bucketName,
        Key: key,
        Conditions: [
          ['eq', '$Content-Type', contentType],
          ['content-length-range', 1, MAX_RECEIPT_BYTES],
        ],
        Fields: { 'Content-Type': contentType },
        Expires: uploadTtl,
      });
      return { url, fields, expiresAt: expiresAt(uploadTtl) };
    },

    async presignDownload(key, contentType) {
      const url = await getSignedUrl(
        client,
        new GetObjectCommand({
          Bucket: bucketName,
          Key: key,
          // The checked type, not what the uploader's browser sent; inline so an image shows in the page.
          ResponseContentType: contentType,
          ResponseContentDisposition: 'inline',
        }),
        { expiresIn: downloadTtl },
      );
      return { url, expiresAt: expiresAt(downloadTtl) };
    },

    async inspect(key, bytes) {
      try {
        const object = await client.send(
          new GetObjectCommand({ Bucket: bucketName, Key: key, Range: `bytes=0-${bytes - 1}` }),
        );
        const head = object.Body ? await object.Body.transformToByteArray() : new Uint8Array();
        // A ranged GET answers 206 with Content-Range "bytes 0-4095/<total>"; a file shorter than the range
        // answers the whole file (200, or 206 with the full range), where ContentLength is the size.
        const total = /\/(\d+)$/.exec(object.ContentRange ?? '')?.[1];
        return { size: total ? Number(total) : (object.ContentLength ?? head.length), head };
      } catch (error) {
        const name = (error as Error | undefined)?.name;
        if (name === 'NoSuchKey' || name === 'NotFound') return undefined;
        // An empty object cannot satisfy a range: it exists, with no bytes.
        if (name === 'InvalidRange') return { size: 0, head: new Uint8Array() };
        throw error;
      }
    },

    async remove(key) {
      await client.send(new DeleteObjectCommand({ Bucket: bucketName, Key: key }));
    },
  };
}
