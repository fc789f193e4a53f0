import { type HttpRequest, type HttpResult, httpHandler } from '@spendwise/lambda-kit/http';
import { receiptObjectKey } from '../../domain/receipt';
import type { ExpenseIdPath, ReceiptUploadRequest } from '../../generated/http';
import { validateExpenseIdPath, validateReceiptUploadRequest } from '../../generated/httpValidators';
import { withDomainErrors } from '../../http/problems';
import type { Clock, IdGenerator, ReceiptFiles, RecordPendingReceipt } from '../../ports';

export interface RequestReceiptUploadDependencies {
  recordPendingReceipt: RecordPendingReceipt;
  presignUpload: ReceiptFiles['presignUpload'];
  newReceiptId: IdGenerator;
  now: Clock;
}

/**
 * POST /expenses/{id}/receipt: a presigned POST for a new receipt file of the declared type. The upload is
 * recorded as the expense's pending one first (only while the expense is the caller's: 404 otherwise), so a file
 * from an earlier request becomes stale and only this one can be attached once it passes the checks.
 */
export function requestReceiptUpload(deps: RequestReceiptUploadDependencies) {
  return withDomainErrors(
    async (request: HttpRequest<ReceiptUploadRequest, unknown, ExpenseIdPath>): Promise<HttpResult> => {
      const location = { userId: request.userId, expenseId: request.path.id, receiptId: deps.newReceiptId() };
      const { contentType } = request.body;
      await deps.recordPendingReceipt({ ...location, contentType, requestedAt: deps.now().toISOString() });
      const upload = await deps.presignUpload(receiptObjectKey(location), contentType);
      return { statusCode: 201, body: upload, headers: { 'cache-control': 'no-store' } };
    },
  );
}

export const requestReceiptUploadHandler = (deps: RequestReceiptUploadDependencies) =>
  httpHandler(requestReceiptUpload(deps), {
    body: validateReceiptUploadRequest,
    path: validateExpenseIdPath,
    requiredScopes: ['spendwise/expenses.write'],
  });
