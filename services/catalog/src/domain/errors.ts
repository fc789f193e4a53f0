/** The category does not exist for this owner (another owner's category is indistinguishable from none). */
export class CategoryNotFoundError extends Error {
  constructor(readonly categoryId: string) {
    super(`Category ${categoryId} was not found`);
    this.name = 'CategoryNotFoundError';
  }
}

/** The owner already has a category (default or own) with this id. */
export class CategoryExistsError extends Error {
  constructor(readonly categoryId: string) {
    super(`Category ${categoryId} already exists`);
    this.name = 'CategoryExistsError';
  }
}

/** Default categories are the same for everyone and read-only. */
export class DefaultCategoryError extends Error {
  constructor(readonly categoryId: string) {
    super(`Category ${categoryId} is a default category and cannot be changed`);
    this.name = 'DefaultCategoryError';
  }
}

/** The category is archived: it takes no new budgets or merchant rules, and cannot be archived twice. */
export class CategoryArchivedError extends Error {
  constructor(readonly categoryId: string) {
    super(`Category ${categoryId} is archived`);
    this.name = 'CategoryArchivedError';
  }
}

/** The category has no budget (or its budget was removed). */
export class BudgetNotFoundError extends Error {
  constructor(readonly categoryId: string) {
    super(`No budget for category ${categoryId}`);
    this.name = 'BudgetNotFoundError';
  }
}

/** The merchant rule does not exist for this owner (or was removed). */
export class MerchantRuleNotFoundError extends Error {
  constructor(readonly ruleId: string) {
    super(`Merchant rule ${ruleId} was not found`);
    this.name = 'MerchantRuleNotFoundError';
  }
}

/** Budget thresholds must be strictly ascending (which also makes them unique). */
export class InvalidThresholdsError extends Error {
  constructor(readonly thresholds: readonly number[]) {
    super(`Thresholds must be strictly ascending, got ${thresholds.join(', ')}`);
    this.name = 'InvalidThresholdsError';
  }
}

/** The caller's copy is out of date: someone changed the item since that version. */
export class StaleVersionError extends Error {
  constructor(
    readonly id: string,
    readonly expectedVersion: number,
  ) {
    super(`${id} is no longer at version ${expectedVersion}`);
    this.name = 'StaleVersionError';
  }
}

/** Another request changed the same item at the same moment (DynamoDB cancelled the transaction): retry. */
export class ConcurrentChangeError extends Error {
  constructor(readonly itemId: string) {
    super(`${itemId} is being changed by another request`);
    this.name = 'ConcurrentChangeError';
  }
}
