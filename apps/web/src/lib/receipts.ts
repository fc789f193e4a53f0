/**
 * The receipt flow's pieces that need no page: which files are accepted, the upload with progress (XMLHttpRequest:
 * fetch reports no upload progress), and words for what can go wrong. The form itself is @spendwise/client's
 * `receiptForm` (fields first, the file last), imported from its own module to keep the bundle small.
 */
import {
  MAX_RECEIPT_BYTES,
  RECEIPT_CONTENT_TYPES,
  receiptForm,
  s3ErrorCode,
} from '@spendwise/client/receiptUpload';

export type ReceiptType = (typeof RECEIPT_CONTENT_TYPES)[number];

export { MAX_RECEIPT_BYTES };

/** For the file input: the types, plus HEIC's extensions (browsers often give HEIC files no type). */
export const RECEIPT_ACCEPT = [...RECEIPT_CONTENT_TYPES, '.heic', '.heif'].join(',');

/** The receipt type of a chosen file, or undefined when it is not one; HEIC by extension when the type is empty. */
export function receiptTypeOf(file: { type: string; name: string }): ReceiptType | undefined {
  const type = file.type.toLowerCase();
  if ((RECEIPT_CONTENT_TYPES as readonly string[]).includes(type)) return type as ReceiptType;
  if ((type === '' || type === 'image/heif') && /\.(heic|heif)$/i.test(file.name)) return 'image/heic';
  return undefined;
}

/** Why a chosen file cannot be sent, in words, or undefined when it can. Checked before anything is uploaded. */
export function fileProblem(file: { type: string; name: string; size: number }): string | undefined {
  if (!receiptTypeOf(file)) return 'Choose a JPEG, PNG, WebP or HEIC photo, or a PDF.';
  if (file.size === 0) return 'This file is empty.';
  if (file.size > MAX_RECEIPT_BYTES) {
    return `This file is ${(file.size / 1024 / 1024).toFixed(1)} MB; a receipt can be at most 10 MB.`;
  }
  return undefined;
}

/** Words for S3's refusal of an upload (its XML error code). */
export function uploadProblem(status: number, code: string | undefined): string {
  if (status === 0) return 'The file could not be sent. Check your connection and try again.';
  if (code === 'EntityTooLarge') return 'The file is larger than 10 MB.';
  if (code === 'EntityTooSmall') return 'This file is empty.';
  if (code === 'AccessDenied' && status === 403) return 'The upload link expired. Choose the file again.';
  return `The file was refused${code ? ` (${code})` : ''}. Try again.`;
}

export class UploadFailed extends Error {
  override name = 'UploadFailed';
}

/** Sends the file with the presigned POST, reporting progress from 0 to 1. */
export function sendReceipt(
  upload: { url: string; fields: Record<string, string> },
  file: Blob,
  onProgress: (fraction: number) => void,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open('POST', upload.url);
    request.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress(event.loaded / event.total);
    };
    request.onload = () => {
      if (request.status >= 200 && request.status < 300) resolve();
      else reject(new UploadFailed(uploadProblem(request.status, s3ErrorCode(request.responseText))));
    };
    request.onerror = () => reject(new UploadFailed(uploadProblem(0, undefined)));
    request.send(receiptForm(upload, file));
  });
}

/** The receipt id a presigned POST will create: the last segment of its pinned key. */
export const receiptIdOf = (upload: { fields: Record<string, string> }) =>
  upload.fields.key?.split('/').pop();

/**
 * Polls until `check` gives a value, waiting a little longer each time, for at most `timeoutMs` in all (the
 * checker attaches a file within seconds; past that the page says so instead of waiting on).
 */
export async function waitFor<T>(
  check: () => Promise<T | undefined>,
  { timeoutMs = 30_000, firstDelayMs = 500 } = {},
): Promise<T | undefined> {
  const deadline = Date.now() + timeoutMs;
  for (let delay = firstDelayMs; Date.now() < deadline; delay = Math.min(delay * 1.5, 3000)) {
    await new Promise((resolve) => setTimeout(resolve, Math.min(delay, Math.max(0, deadline - Date.now()))));
    const found = await check();
    if (found !== undefined) return found;
  }
  return undefined;
}
