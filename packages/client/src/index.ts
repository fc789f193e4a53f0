export * from './client';
export { type LogicalRequest, logicalRequest, newIdempotencyKey } from './idempotency';
export { type FieldError, type ProblemDocument, ProblemError, problemOf } from './problem';
export {
  MAX_RECEIPT_BYTES,
  type PresignedPost,
  RECEIPT_CONTENT_TYPES,
  ReceiptUploadError,
  receiptForm,
  s3ErrorCode,
  uploadReceipt,
} from './receiptUpload';
