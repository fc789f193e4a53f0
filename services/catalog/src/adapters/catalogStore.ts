import type { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import {
  type DynamoDBDocumentClient,
  GetCommand,
  TransactWriteCommand,
  type TransactWriteCommandInput,
} from '@aws-sdk/lib-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { EventEnvelope } from '@spendwise/contracts';
import { queryAll } from '@spendwise/lambda-kit/queryAll';
import { outboxItem } from '@spendwise/outbox';
import type { Budget } from '../domain/budget';
import { type Category, isDefaultCategory } from '../domain/category';
import {
  CategoryArchivedError,
  CategoryExistsError,
  CategoryNotFoundError,
  ConcurrentChangeError,
  StaleVersionError,
} from '../domain/errors';
import type { MerchantRule } from '../domain/merchantRule';
import type {
  FindBudget,
  FindCategory,
  FindMerchantRule,
  ListBudgets,
  ListCategories,
  ListMerchantRules,
  SaveBudget,
  SaveCategory,
  SaveMerchantRule,
} from '../ports';
import {
  BUDGET_PREFIX,
  budgetItem,
  budgetKey,
  CATEGORY_PREFIX,
  categoryItem,
  categoryKey,
  fromItem,
  MERCHANT_RULE_PREFIX,
  merchantRuleItem,
  merchantRuleKey,
  userKey,
} from './keys';

export interface CatalogStoreConfig {
  tableName: string;
  now?: () => Date;
}

type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

/** DynamoDB adapters for the catalog ports; every change is written with its outbox record in one transaction. */
export function buildCatalogStore(client: DynamoDBDocumentClient, config: CatalogStoreConfig) {
  const { tableName } = config;
  const now = config.now ?? (() => new Date());

  const get = async (Key: Record<string, string>) =>
    (await client.send(new GetCommand({ TableName: tableName, Key, ConsistentRead: true }))).Item;

  // One user's partition holds a few hundred items at most; pages are followed to the end.
  const queryPrefix = (userId: string, prefix: string) =>
    queryAll(client, {
      TableName: tableName,
      KeyConditionExpression: 'PK = :pk AND begins_with(SK, :prefix)',
      ExpressionAttributeValues: { ':pk': userKey(userId), ':prefix': prefix },
      ConsistentRead: true,
    });

  const versionGuard = (expectedVersion: number) =>
    expectedVersion === 0
      ? { ConditionExpression: 'attribute_not_exists(PK)' }
      : {
          ConditionExpression: 'attribute_exists(PK) AND #version = :expected',
          ExpressionAttributeNames: { '#version': 'version' },
          ExpressionAttributeValues: { ':expected': expectedVersion },
        };

  // An own category a budget or rule is set on must still exist and be active when the write commits.
  const usableCategory = (userId: string, categoryId: string): TransactItem[] =>
    isDefaultCategory(categoryId)
      ? []
      : [
          {
            ConditionCheck: {
              TableName: tableName,
              Key: categoryKey(userId, categoryId),
              ConditionExpression: 'attribute_exists(PK) AND archived = :false',
              ExpressionAttributeValues: { ':false': false },
              ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
            },
          },
        ];

  const save = async (
    item: Record<string, unknown>,
    id: string,
    expectedVersion: number,
    event: EventEnvelope,
    checks: TransactItem[] = [],
    onExists: () => Error = () => new StaleVersionError(id, expectedVersion),
  ) => {
    try {
      await client.send(
        new TransactWriteCommand({
          TransactItems: [
            { Put: { TableName: tableName, Item: item, ...versionGuard(expectedVersion) } },
            { Put: { TableName: tableName, Item: outboxItem(event, now()) } },
            ...checks,
          ],
        }),
      );
    } catch (error) {
      if (failed(error, 0))
        throw expectedVersion === 0 ? onExists() : new StaleVersionError(id, expectedVersion);
      const check = failed(error, 2);
      if (check) {
        const categoryId = String((item as { categoryId?: unknown }).categoryId);
        throw check.item ? new CategoryArchivedError(categoryId) : new CategoryNotFoundError(categoryId);
      }
      if (conflicted(error)) throw new ConcurrentChangeError(id);
      throw error;
    }
  };

  const findCategory: FindCategory = async (userId, categoryId) => {
    const item = await get(categoryKey(userId, categoryId));
    return item ? fromItem<Category>(item) : undefined;
  };

  const listCategories: ListCategories = async (userId) =>
    (await queryPrefix(userId, CATEGORY_PREFIX)).map((item) => fromItem<Category>(item));

  const saveCategory: SaveCategory = (category, expectedVersion, event) =>
    save(categoryItem(category), category.categoryId, expectedVersion, event, [], () => {
      return new CategoryExistsError(category.categoryId);
    });

  const findBudget: FindBudget = async (userId, categoryId) => {
    const item = await get(budgetKey(userId, categoryId));
    return item ? fromItem<Budget>(item) : undefined;
  };

  const listBudgets: ListBudgets = async (userId) =>
    (await queryPrefix(userId, BUDGET_PREFIX))
      .map((item) => fromItem<Budget>(item))
      .filter((b) => !b.removed);

  const saveBudget: SaveBudget = (budget, expectedVersion, event) =>
    save(
      budgetItem(budget),
      budget.categoryId,
      expectedVersion,
      event,
      budget.removed ? [] : usableCategory(budget.userId, budget.categoryId),
    );

  const findMerchantRule: FindMerchantRule = async (userId, ruleId) => {
    const item = await get(merchantRuleKey(userId, ruleId));
    return item ? fromItem<MerchantRule>(item) : undefined;
  };

  const listMerchantRules: ListMerchantRules = async (userId) =>
    (await queryPrefix(userId, MERCHANT_RULE_PREFIX))
      .map((item) => fromItem<MerchantRule>(item))
      .filter((rule) => rule.categoryId !== null);

  const saveMerchantRule: SaveMerchantRule = (rule, expectedVersion, event) =>
    save(
      merchantRuleItem(rule),
      rule.ruleId,
      expectedVersion,
      event,
      rule.categoryId === null ? [] : usableCategory(rule.userId, rule.categoryId),
    );

  return {
    findCategory,
    listCategories,
    saveCategory,
    findBudget,
    listBudgets,
    saveBudget,
    findMerchantRule,
    listMerchantRules,
    saveMerchantRule,
  };
}

/** Whether DynamoDB cancelled the transaction because another one was changing the same items. */
export function conflicted(error: unknown): boolean {
  if ((error as Error | undefined)?.name !== 'TransactionCanceledException') return false;
  const reasons = (error as TransactionCanceledException).CancellationReasons ?? [];
  return reasons.some((reason) => reason.Code === 'TransactionConflict');
}

/** The failed item of a cancelled transaction at `index`, with the old item when DynamoDB returned it. */
function failed(error: unknown, index: number) {
  // Matched by name: the SDK's error classes are not shared across bundles, so instanceof is unreliable.
  if ((error as Error | undefined)?.name !== 'TransactionCanceledException') return undefined;
  const reason = (error as TransactionCanceledException).CancellationReasons?.[index];
  if (reason?.Code !== 'ConditionalCheckFailed') return undefined;
  return { item: reason.Item ? unmarshall(reason.Item) : undefined };
}
