import { type DynamoDBDocumentClient, GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { ThresholdProgress } from '../ports';
import type { ConsistentGet } from './gatheredReads';
import { aggregateKey, monthPrefix, THRESHOLD_SEGMENT, userKey } from './keys';

/**
 * What was spent in a category and currency during a month, and the thresholds already announced for it. The
 * category total is read strongly consistent, with `get` when given (the store's gathered reads).
 */
export async function readThresholdProgress(
  client: DynamoDBDocumentClient,
  tableName: string,
  at: { userId: string; month: string; categoryId: string; currency: string },
  get?: ConsistentGet,
): Promise<ThresholdProgress> {
  const { userId, month, categoryId, currency } = at;
  const totalKey = aggregateKey(userId, { kind: 'category', month, key: categoryId, currency });
  const [total, markers] = await Promise.all([
    get
      ? get(totalKey)
      : client
          .send(new GetCommand({ TableName: tableName, Key: totalKey, ConsistentRead: true }))
          .then((result) => result.Item),
    // At most ten thresholds per budget: one page.
    client.send(
      new QueryCommand({
        TableName: tableName,
        KeyConditionExpression: 'PK = :pk AND begins_with(SK, :prefix)',
        ExpressionAttributeValues: {
          ':pk': userKey(userId),
          ':prefix': `${monthPrefix(month)}${THRESHOLD_SEGMENT}${categoryId}#`,
        },
        ConsistentRead: true,
      }),
    ),
  ]);
  return {
    spentMinorUnits: Number(total?.minorUnits ?? 0),
    reached: new Set((markers.Items ?? []).map((item) => Number(item.threshold))),
  };
}
