import { type HttpRequest, type HttpResult, httpHandler } from '@spendwise/lambda-kit/http';
import { ExpenseNotFoundError, ReceiptNotFoundError } from '../../domain/errors';
import { receiptObjectKey } from '../../domain/receipt';
import type { ExpenseIdPath } from '../../generated/http';
import { validateExpenseIdPath } from '../../generated/httpValidators';
import { withDomainErrors } from '../../http/problems';
import type { FindExpense, ReceiptFiles } from '../../ports';

export interface GetReceiptDependencies {
  findExpense: FindExpense;
  presignDownload: ReceiptFiles['presignDownload'];
}

/**
 * GET /expenses/{id}/receipt: a short-lived download link of the attached receipt. The expense is looked up under
 * the caller's own id, so another person's expense is 404 EXPENSE_NOT_FOUND like one that does not exist.
 */
export function getReceipt(deps: GetReceiptDependencies) {
  return withDomainErrors(
    async (request: HttpRequest<unknown, unknown, ExpenseIdPath>): Promise<HttpResult> => {
      const expense = await deps.findExpense(request.userId, request.path.id);
      if (!expense) throw new ExpenseNotFoundError(request.path.id);
      const { receipt } = expense;
      if (!receipt) throw new ReceiptNotFoundError(expense.expenseId);
      const key = receiptObjectKey({
        userId: expense.userId,
        expenseId: expense.expenseId,
        receiptId: receipt.receiptId,
      });
      const download = await deps.presignDownload(key, receipt.contentType);
      return {
        statusCode: 200,
        body: { url: download.url, contentType: receipt.contentType, expiresAt: download.expiresAt },
        // The link expires: a cache must not hand out an old one.
        headers: { 'cache-control': 'no-store' },
      };
    },
  );
}

export const getReceiptHandler = (deps: GetReceiptDependencies) =>
  httpHandler(getReceipt(deps), { path: validateExpenseIdPath, requiredScopes: ['spendwise/expenses.read'] });
