import { createEvent, ReceiptRemoved } from '@spendwise/contracts';
import { type HttpRequest, type HttpResult, httpHandler } from '@spendwise/lambda-kit/http';
import { ExpenseNotFoundError, ReceiptNotFoundError } from '../../domain/errors';
import { receiptObjectKey, withoutReceipt } from '../../domain/receipt';
import type { ExpenseIdPath } from '../../generated/http';
import { validateExpenseIdPath } from '../../generated/httpValidators';
import { eventContext } from '../../http/eventContext';
import { assertCurrentVersion, expectedVersion } from '../../http/preconditions';
import { expenseHeaders } from '../../http/present';
import { withDomainErrors } from '../../http/problems';
import type { Clock, FindExpense, SaveExpenseChange } from '../../ports';

export interface RemoveReceiptDependencies {
  findExpense: FindExpense;
  saveExpenseChange: SaveExpenseChange;
  now: Clock;
}

/**
 * DELETE /expenses/{id}/receipt: detaches the receipt (a new version, guarded by If-Match when sent) and publishes
 * ReceiptRemoved, after which the file is deleted (ADR 15). 404 RECEIPT_NOT_FOUND when there is none.
 */
export function removeReceipt(deps: RemoveReceiptDependencies) {
  return withDomainErrors(
    async (request: HttpRequest<unknown, unknown, ExpenseIdPath>): Promise<HttpResult> => {
      const expected = expectedVersion(request.headers['if-match']);
      const current = await deps.findExpense(request.userId, request.path.id);
      if (!current) throw new ExpenseNotFoundError(request.path.id);
      if (expected !== undefined) assertCurrentVersion(expected, current.version);
      const { receipt } = current;
      if (!receipt) throw new ReceiptNotFoundError(current.expenseId);

      const next = withoutReceipt(current, deps.now());
      const event = createEvent(
        ReceiptRemoved,
        {
          expenseId: next.expenseId,
          version: next.version,
          receiptId: receipt.receiptId,
          key: receiptObjectKey({
            userId: current.userId,
            expenseId: current.expenseId,
            receiptId: receipt.receiptId,
          }),
        },
        eventContext(request),
      );
      await deps.saveExpenseChange(next, current.version, event);
      return { statusCode: 204, headers: expenseHeaders(next) };
    },
  );
}

export const removeReceiptHandler = (deps: RemoveReceiptDependencies) =>
  httpHandler(removeReceipt(deps), {
    path: validateExpenseIdPath,
    requiredScopes: ['spendwise/expenses.write'],
  });
