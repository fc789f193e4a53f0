/**
 * Runs the one-off step of docs/adr/0021 against a deployed insights table (AWS credentials and region from the
 * environment):
 *
 *   INSIGHTS_TABLE_NAME=spendwise-<stage>-insights pnpm exec tsx services/insights/src/ops/indexMonthExpenses.main.ts [--keep-old-totals]
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { indexMonthExpenses } from './indexMonthExpenses';

const tableName = process.env.INSIGHTS_TABLE_NAME;
if (!tableName) {
  process.stderr.write('Set INSIGHTS_TABLE_NAME to the insights table (spendwise-<stage>-insights).\n');
  process.exit(2);
}
const client = DynamoDBDocumentClient.from(new DynamoDBClient({}));
const summary = await indexMonthExpenses(client, tableName, {
  keepOldTotals: process.argv.includes('--keep-old-totals'),
});
process.stdout.write(`${JSON.stringify(summary)}\n`);
client.destroy();
