import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { logger, metrics } from '@spendwise/lambda-kit/observability';
import { fileTypeFromBuffer } from 'file-type';
import { expenseStore } from '../../adapters/expenseStoreFromEnv';
import { receiptFiles } from '../../adapters/receiptFilesFromEnv';
import { receiptStore } from '../../adapters/receiptStoreFromEnv';
import { checkReceiptHandler } from './checkReceipt';

export const handler = checkReceiptHandler({
  findExpense: expenseStore.findExpense,
  findPendingReceipt: receiptStore.findPendingReceipt,
  attachReceipt: receiptStore.attachReceipt,
  recordReceiptRejection: receiptStore.recordReceiptRejection,
  files: receiptFiles,
  // The magic bytes decide, never the file name or the Content-Type the uploader sent.
  detectType: async (head) => (await fileTypeFromBuffer(head))?.mime,
  now: () => new Date(),
  onOutcome: (outcome, details) => {
    logger.info(`Receipt event: ${outcome}`, details);
    if (outcome === 'rejected') metrics.addMetric('ReceiptsRejected', MetricUnit.Count, 1);
    if (outcome === 'attached') metrics.addMetric('ReceiptsAttached', MetricUnit.Count, 1);
  },
});
