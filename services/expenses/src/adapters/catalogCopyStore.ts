import { type DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { MerchantRuleCopy, OwnCategoryCopy } from '../domain/catalogCopy';
import type { ApplyCatalogCopyChange, FindMerchantRule, FindOwnCategory } from '../ports';
import { merchantRuleKey, ownCategoryKey } from './keys';

export interface CatalogCopyStoreConfig {
  tableName: string;
  now?: () => Date;
}

const OWN_CATEGORY_TYPE = 'CatalogCategory';
const MERCHANT_RULE_TYPE = 'CatalogMerchantRule';

/**
 * DynamoDB adapters for the expenses service's copy of the catalog, kept in the expenses table beside the
 * expenses of the same user (docs/expenses-data-model.md).
 */
export function buildCatalogCopyStore(client: DynamoDBDocumentClient, config: CatalogCopyStoreConfig) {
  const { tableName } = config;
  const now = config.now ?? (() => new Date());

  const read = async (key: Record<string, string>) => {
    const { Item } = await client.send(
      new GetCommand({ TableName: tableName, Key: key, ConsistentRead: true }),
    );
    return Item;
  };

  const findOwnCategory: FindOwnCategory = async (userId, categoryId) => {
    const item = await read(ownCategoryKey(userId, categoryId));
    if (!item) return undefined;
    return { userId, categoryId, archived: item.archived === true, version: Number(item.version) };
  };

  const findMerchantRule: FindMerchantRule = async (userId, merchant) => {
    const item = await read(merchantRuleKey(userId, merchant));
    if (!item) return undefined;
    const categoryId = typeof item.categoryId === 'string' ? item.categoryId : null;
    return { userId, merchant, categoryId, version: Number(item.version) };
  };

  /** Puts the entry unless the stored one is at the same or a newer version. */
  const putIfNewer = async (item: Record<string, unknown>, version: number) => {
    try {
      await client.send(
        new PutCommand({
          TableName: tableName,
          Item: { ...item, copiedAt: now().toISOString() },
          ConditionExpression: 'attribute_not_exists(PK) OR #version < :version',
          ExpressionAttributeNames: { '#version': 'version' },
          ExpressionAttributeValues: { ':version': version },
        }),
      );
      return 'applied' as const;
    } catch (error) {
      // Matched by name: the SDK's error classes are not shared across bundles, so instanceof is unreliable.
      if ((error as Error).name === 'ConditionalCheckFailedException') return 'ignored' as const;
      throw error;
    }
  };

  const applyCatalogCopyChange: ApplyCatalogCopyChange = (change) =>
    change.kind === 'category'
      ? putIfNewer(ownCategoryItem(change.category), change.category.version)
      : putIfNewer(merchantRuleItem(change.rule), change.rule.version);

  return { findOwnCategory, findMerchantRule, applyCatalogCopyChange };
}

const ownCategoryItem = (category: OwnCategoryCopy) => ({
  ...ownCategoryKey(category.userId, category.categoryId),
  type: OWN_CATEGORY_TYPE,
  ...category,
});

const merchantRuleItem = (rule: MerchantRuleCopy) => ({
  ...merchantRuleKey(rule.userId, rule.merchant),
  type: MERCHANT_RULE_TYPE,
  ...rule,
});
