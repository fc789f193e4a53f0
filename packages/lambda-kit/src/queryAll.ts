import { type DynamoDBDocumentClient, QueryCommand, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';

/**
 * Every item a DynamoDB query matches, following `LastEvaluatedKey` to the end. For bounded result sets only
 * (one user's partition under a key prefix); paginated APIs hand a cursor to the client instead.
 *
 * @example
 * const budgets = await queryAll(client, {
 *   TableName, KeyConditionExpression: 'PK = :pk AND begins_with(SK, :p)',
 *   ExpressionAttributeValues: { ':pk': `USER#${userId}`, ':p': 'BUDGET#' },
 * });
 */
export async function queryAll(
  client: DynamoDBDocumentClient,
  input: Omit<QueryCommandInput, 'ExclusiveStartKey'>,
): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await client.send(new QueryCommand({ ...input, ExclusiveStartKey: start }));
    items.push(...(page.Items ?? []));
    start = page.LastEvaluatedKey;
  } while (start);
  return items;
}
