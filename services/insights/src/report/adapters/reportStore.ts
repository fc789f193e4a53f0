import {
  DeleteCommand,
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  TransactWriteCommand,
} from '@aws-sdk/lib-dynamodb';
import { outboxItem } from '@spendwise/outbox';
import { cancellationCodes, conditionFailed } from '../../adapters/transactions';
import type {
  DiscardPendingReport,
  FindReport,
  FinishReport,
  ListReportsOfMonth,
  SavePendingReport,
} from '../ports';
import { reportFromItem, reportItem, reportKey, reportsOfUser } from './reportItems';

export interface ReportStoreConfig {
  tableName: string;
  now?: () => Date;
}

/** Most reports one listing returns; a user requests a handful a month. */
const LIST_LIMIT = 100;

const transactionConditionFailed = (error: unknown, index: number) =>
  cancellationCodes(error)?.[index] === 'ConditionalCheckFailed';

/**
 * DynamoDB adapters of the report ports. A report's final state and its event are written in one transaction
 * (transactional outbox), and only over a pending (or missing) report, so a repeated step writes nothing twice.
 *
 * @example const store = buildReportStore(dynamoDocumentClient, { tableName: requireEnv('INSIGHTS_TABLE_NAME') });
 */
export function buildReportStore(client: DynamoDBDocumentClient, config: ReportStoreConfig) {
  const { tableName } = config;
  const now = config.now ?? (() => new Date());

  const savePendingReport: SavePendingReport = async (report) => {
    try {
      await client.send(
        new PutCommand({
          TableName: tableName,
          Item: reportItem(report),
          ConditionExpression: 'attribute_not_exists(PK)',
        }),
      );
      return 'created';
    } catch (error) {
      if (conditionFailed(error)) return 'exists';
      throw error;
    }
  };

  const discardPendingReport: DiscardPendingReport = async (key) => {
    try {
      await client.send(
        new DeleteCommand({
          TableName: tableName,
          Key: reportKey(key),
          ConditionExpression: '#status = :pending',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':pending': 'pending' },
        }),
      );
    } catch (error) {
      // Already finished (the workflow did start after all) or already gone: either way, nothing to undo.
      if (!conditionFailed(error)) throw error;
    }
  };

  const findReport: FindReport = async (key) => {
    const { Item } = await client.send(
      new GetCommand({ TableName: tableName, Key: reportKey(key), ConsistentRead: true }),
    );
    return Item ? reportFromItem(Item) : undefined;
  };

  const listReportsOfMonth: ListReportsOfMonth = async (userId, month) => {
    const { Items = [] } = await client.send(
      new QueryCommand({
        TableName: tableName,
        IndexName: 'GSI1',
        KeyConditionExpression: 'GSI1PK = :pk AND begins_with(GSI1SK, :month)',
        ExpressionAttributeValues: { ':pk': reportsOfUser(userId), ':month': `${month}#` },
        ScanIndexForward: false,
        Limit: LIST_LIMIT,
      }),
    );
    return Items.map(reportFromItem);
  };

  const finishReport: FinishReport = async (report, event) => {
    try {
      await client.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Put: {
                TableName: tableName,
                Item: reportItem(report),
                ConditionExpression: 'attribute_not_exists(PK) OR #status = :pending',
                ExpressionAttributeNames: { '#status': 'status' },
                ExpressionAttributeValues: { ':pending': 'pending' },
              },
            },
            { Put: { TableName: tableName, Item: outboxItem(event, now()) } },
          ],
        }),
      );
      return 'finished';
    } catch (error) {
      if (transactionConditionFailed(error, 0)) return 'already-final';
      throw error;
    }
  };

  return { savePendingReport, discardPendingReport, findReport, listReportsOfMonth, finishReport };
}

export type ReportStore = ReturnType<typeof buildReportStore>;
