/** The expense does not exist for this owner (another owner's expense is indistinguishable from none). */
export class ExpenseNotFoundError extends Error {
  constructor(readonly expenseId: string) {
    super(`Expense ${expenseId} was not found`);
    this.name = 'ExpenseNotFoundError';
  }
}

/** The caller's copy is out of date: someone changed the expense since that version. */
export class StaleVersionError extends Error {
  constructor(
    readonly expenseId: string,
    readonly expectedVersion: number,
  ) {
    super(`Expense ${expenseId} is no longer at version ${expectedVersion}`);
    this.name = 'StaleVersionError';
  }
}

/** An idempotency key was used again with a different request. */
export class IdempotencyKeyReusedError extends Error {
  constructor(readonly key: string) {
    super(`Idempotency key ${key} was already used with a different request`);
    this.name = 'IdempotencyKeyReusedError';
  }
}

/** The category is neither a default, nor `uncategorized`, nor one of the owner's own categories. */
export class UnknownCategoryError extends Error {
  constructor(readonly categoryId: string) {
    super(`Category ${categoryId} does not exist`);
    this.name = 'UnknownCategoryError';
  }
}

/** The owner archived this category: expenses already in it stay, but nothing new may be filed under it. */
export class CategoryArchivedError extends Error {
  constructor(readonly categoryId: string) {
    super(`Category ${categoryId} is archived`);
    this.name = 'CategoryArchivedError';
  }
}

/** The upload being attached is no longer the expense's latest requested one. */
export class StaleUploadError extends Error {
  constructor(
    readonly expenseId: string,
    readonly receiptId: string,
  ) {
    super(`Receipt ${receiptId} is no longer the pending upload of expense ${expenseId}`);
    this.name = 'StaleUploadError';
  }
}

/** The expense has no receipt attached. */
export class ReceiptNotFoundError extends Error {
  constructor(readonly expenseId: string) {
    super(`Expense ${expenseId} has no receipt`);
    this.name = 'ReceiptNotFoundError';
  }
}
