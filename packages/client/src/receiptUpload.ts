/**
 * Uploading a receipt file with the presigned POST that `expenses.requestReceiptUpload` answers: a browser form
 * upload straight to S3, outside the API (no token: the signed policy is the permission).
 */

/** Largest receipt the upload policy accepts (10 MiB). */
export const MAX_RECEIPT_BYTES = 10 * 1024 * 1024;

/** The media types a receipt may have, for a file input's `accept`. */
export const RECEIPT_CONTENT_TYPES = [
  'image/jpeg',
  'image/png',
  'image/webp',
  'image/heic',
  'application/pdf',
] as const;

export interface PresignedPost {
  url: string;
  fields: Record<string, string>;
}

/**
 * The form S3 expects: every policy field first, the file last (S3 ignores fields after `file`, so a file sent
 * before them fails the policy).
 */
export function receiptForm(upload: PresignedPost, file: Blob): FormData {
  const form = new FormData();
  for (const [name, value] of Object.entries(upload.fields)) form.append(name, value);
  form.append('file', file);
  return form;
}

/** S3 refused the upload: its XML error code (e.g. EntityTooLarge, AccessDenied for an expired policy). */
export class ReceiptUploadError extends Error {
  constructor(
    readonly status: number,
    readonly code: string | undefined,
  ) {
    super(`The receipt upload was refused (${status}${code ? ` ${code}` : ''})`);
    this.name = 'ReceiptUploadError';
  }
}

/** The `<Code>` of an S3 XML error body. */
export const s3ErrorCode = (body: string): string | undefined => /<Code>([^<]+)<\/Code>/.exec(body)?.[1];

/**
 * Sends the file with fetch. Browsers that want progress use XMLHttpRequest with `receiptForm` instead (fetch
 * reports no upload progress); both send the same form.
 */
export async function uploadReceipt(
  upload: PresignedPost,
  file: Blob,
  fetchImpl: typeof globalThis.fetch = globalThis.fetch,
): Promise<void> {
  const response = await fetchImpl(upload.url, { method: 'POST', body: receiptForm(upload, file) });
  if (!response.ok) throw new ReceiptUploadError(response.status, s3ErrorCode(await response.text()));
}
