/**
 * Runs the one-off step of docs/adr/0029 against a deployed insights table (AWS credentials and region from the
 * environment), once the EXPRESS workflow and the PendingReports index are deployed:
 *
 *   INSIGHTS_TABLE_NAME=spendwise-<stage>-insights pnpm exec tsx services/insights/src/ops/indexPendingReports.main.ts
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { indexPendingReports } from './indexPendingReports';

const tableName = process.env.INSIGHTS_TABLE_NAME;
if (!tableName) {
  process.stderr.write('Set INSIGHTS_TABLE_NAME to the insights table (spendwise-<stage>-insights).\n');
  process.exit(2);
}
const client = DynamoDBDocumentClient.from(new DynamoDBClient({}));
const summary = await indexPendingReports(client, tableName);
process.stdout.write(`${JSON.stringify(summary)}\n`);
client.destroy();
