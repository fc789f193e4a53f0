import {
  DeleteCommand,
  type DynamoDBDocumentClient,
  ScanCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { monthExpensesIndexKey } from '../adapters/keys';
import { conditionFailed } from '../adapters/transactions';
import { monthOfDay } from '../domain/months';

/**
 * The one-off step of docs/adr/0021: before it, the daily and merchant totals were items written with every
 * expense change; since, they are summed on read from the month's live expense states on GSI1. This lists every
 * live expense state written before the change in its month on GSI1 (an update guarded on the state's order, so
 * a concurrent change — which lists the state itself — wins), and, unless `keepOldTotals`, deletes the daily and
 * merchant total items nothing reads any more. A second run finds nothing to do.
 */
export interface IndexMonthExpensesSummary {
  indexed: number;
  /** States changed by a concurrent event meanwhile (they list themselves). */
  skipped: number;
  oldTotalsDeleted: number;
}

type Row = Record<string, unknown>;

async function* scan(client: DynamoDBDocumentClient, input: ConstructorParameters<typeof ScanCommand>[0]) {
  let start: Row | undefined;
  do {
    const page = await client.send(
      new ScanCommand({ ...input, ...(start ? { ExclusiveStartKey: start } : {}) }),
    );
    yield* (page.Items ?? []) as Row[];
    start = page.LastEvaluatedKey as Row | undefined;
  } while (start);
}

export async function indexMonthExpenses(
  client: DynamoDBDocumentClient,
  tableName: string,
  options: { keepOldTotals?: boolean } = {},
): Promise<IndexMonthExpensesSummary> {
  const summary: IndexMonthExpensesSummary = { indexed: 0, skipped: 0, oldTotalsDeleted: 0 };
  const rows = scan(client, {
    TableName: tableName,
    FilterExpression:
      '(#type = :state AND attribute_exists(contribution) AND attribute_not_exists(GSI1PK)) OR #type IN (:day, :merchant)',
    ExpressionAttributeNames: { '#type': 'type' },
    ExpressionAttributeValues: {
      ':state': 'ExpenseState',
      ':day': 'DailyTotal',
      ':merchant': 'MerchantTotal',
    },
  });
  for await (const row of rows) {
    const Key = { PK: row.PK, SK: row.SK };
    if (row.type !== 'ExpenseState') {
      if (options.keepOldTotals) continue;
      await client.send(new DeleteCommand({ TableName: tableName, Key }));
      summary.oldTotalsDeleted += 1;
      continue;
    }
    const contribution = row.contribution as { date: string };
    try {
      await client.send(
        new UpdateCommand({
          TableName: tableName,
          Key,
          UpdateExpression: 'SET GSI1PK = :pk, GSI1SK = :sk',
          ConditionExpression: '#order = :order AND attribute_not_exists(GSI1PK)',
          ExpressionAttributeNames: { '#order': 'order' },
          ExpressionAttributeValues: {
            ':pk': monthExpensesIndexKey(String(row.userId), monthOfDay(contribution.date)),
            ':sk': String(row.expenseId),
            ':order': row.order,
          },
        }),
      );
      summary.indexed += 1;
    } catch (error) {
      if (!conditionFailed(error)) throw error;
      summary.skipped += 1;
    }
  }
  return summary;
}
