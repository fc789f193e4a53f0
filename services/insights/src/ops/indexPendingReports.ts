import { type DynamoDBDocumentClient, ScanCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { conditionFailed } from '../adapters/transactions';
import { pendingShard, REPORT_ITEM_TYPE } from '../report/adapters/reportItems';

/**
 * The one-off step of docs/adr/0029: reports written `pending` before the PendingReports index existed carry no
 * `pendingShard` / `pendingSince`, so the sweeper cannot see them. This gives each of them its index keys (an
 * update guarded on the report still being pending and still unindexed), after which the sweeper finishes those
 * that are stuck like any other. A second run finds nothing to do.
 */
export interface IndexPendingReportsSummary {
  indexed: number;
  /** Reports finished (or indexed) by the workflow meanwhile. */
  skipped: number;
}

type Row = Record<string, unknown>;

export async function indexPendingReports(
  client: DynamoDBDocumentClient,
  tableName: string,
): Promise<IndexPendingReportsSummary> {
  const summary: IndexPendingReportsSummary = { indexed: 0, skipped: 0 };
  let start: Row | undefined;
  do {
    const page = await client.send(
      new ScanCommand({
        TableName: tableName,
        FilterExpression: '#type = :report AND #status = :pending AND attribute_not_exists(pendingShard)',
        ExpressionAttributeNames: { '#type': 'type', '#status': 'status' },
        ExpressionAttributeValues: { ':report': REPORT_ITEM_TYPE, ':pending': 'pending' },
        ...(start ? { ExclusiveStartKey: start } : {}),
      }),
    );
    for (const row of (page.Items ?? []) as Row[]) {
      try {
        await client.send(
          new UpdateCommand({
            TableName: tableName,
            Key: { PK: row.PK, SK: row.SK },
            UpdateExpression: 'SET pendingShard = :shard, pendingSince = createdAt',
            ConditionExpression: '#status = :pending AND attribute_not_exists(pendingShard)',
            ExpressionAttributeNames: { '#status': 'status' },
            ExpressionAttributeValues: {
              ':shard': pendingShard(String(row.reportId)),
              ':pending': 'pending',
            },
          }),
        );
        summary.indexed += 1;
      } catch (error) {
        if (!conditionFailed(error)) throw error;
        summary.skipped += 1;
      }
    }
    start = page.LastEvaluatedKey as Row | undefined;
  } while (start);
  return summary;
}
