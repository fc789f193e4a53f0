import type { EventEnvelope } from '@spendwise/contracts';
import type { Budget } from './domain/budget';
import type { Category } from './domain/category';
import type { MerchantRule } from './domain/merchantRule';

/** Reads one of the owner's own categories, strongly consistent. */
export type FindCategory = (userId: string, categoryId: string) => Promise<Category | undefined>;

/** Every category the owner created (archived ones included). */
export type ListCategories = (userId: string) => Promise<Category[]>;

/**
 * Writes a category at its new version with its event, atomically, if the stored one is still at
 * `expectedVersion` (0: must not exist yet, else CategoryExistsError). StaleVersionError otherwise.
 */
export type SaveCategory = (
  category: Category,
  expectedVersion: number,
  event: EventEnvelope,
) => Promise<void>;

/** Reads the budget of one category (a removed one too: its version continues), strongly consistent. */
export type FindBudget = (userId: string, categoryId: string) => Promise<Budget | undefined>;

/** The owner's budgets that are in force (removed ones left out). */
export type ListBudgets = (userId: string) => Promise<Budget[]>;

/**
 * Writes a budget at its new version with its event, atomically, if the stored one is still at
 * `expectedVersion` (0: none yet). Setting a budget also checks, in the same transaction, that an own category
 * still exists and is not archived.
 */
export type SaveBudget = (budget: Budget, expectedVersion: number, event: EventEnvelope) => Promise<void>;

/** Reads one merchant rule (a removed one too), strongly consistent. */
export type FindMerchantRule = (userId: string, ruleId: string) => Promise<MerchantRule | undefined>;

/** The owner's merchant rules in force (removed ones left out). */
export type ListMerchantRules = (userId: string) => Promise<MerchantRule[]>;

/** Writes a merchant rule like SaveBudget writes a budget (with the same category check when it sets one). */
export type SaveMerchantRule = (
  rule: MerchantRule,
  expectedVersion: number,
  event: EventEnvelope,
) => Promise<void>;

export type Clock = () => Date;
