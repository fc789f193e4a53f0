import { randomUUID } from 'node:crypto';
import { receiptFiles } from '../../adapters/receiptFilesFromEnv';
import { receiptStore } from '../../adapters/receiptStoreFromEnv';
import { requestReceiptUploadHandler } from './requestReceiptUpload';

export const handler = requestReceiptUploadHandler({
  recordPendingReceipt: receiptStore.recordPendingReceipt,
  presignUpload: receiptFiles.presignUpload,
  newReceiptId: randomUUID,
  now: () => new Date(),
});
