import { expenseStore } from '../../adapters/expenseStoreFromEnv';
import { receiptFiles } from '../../adapters/receiptFilesFromEnv';
import { getReceiptHandler } from './getReceipt';

export const handler = getReceiptHandler({
  findExpense: expenseStore.findExpense,
  presignDownload: receiptFiles.presignDownload,
});
