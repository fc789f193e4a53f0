import { setTimeout as delay } from 'node:timers/promises';
import {
  DeleteCommand,
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  TransactWriteCommand,
} from '@aws-sdk/lib-dynamodb';
import { queryAll } from '@spendwise/lambda-kit/queryAll';
import { outboxItem } from '@spendwise/outbox';
import { cancellationCodes, conditionFailed } from '../../adapters/transactions';
import type { Report } from '../domain/report';
import type {
  DiscardPendingReport,
  FindReport,
  FinishReport,
  ListReportsOfMonth,
  ListReportsPendingSince,
  RemovePendingReport,
  Reservation,
  ReserveReport,
  SavePendingReport,
} from '../ports';
import {
  dailyRequestsKey,
  inFlightKey,
  PENDING_REPORTS_INDEX,
  pendingShards,
  reportFromItem,
  reportItem,
  reportKey,
  reportKeyOfItem,
  reportsOfUser,
} from './reportItems';

export interface ReportStoreConfig {
  tableName: string;
  now?: () => Date;
}

/** Most reports one listing returns; a user requests a handful a month. */
const LIST_LIMIT = 100;

const transactionConditionFailed = (error: unknown, index: number) =>
  cancellationCodes(error)?.[index] === 'ConditionalCheckFailed';

/**
 * How long an in-flight marker blocks a new report of its month: twice the EXPRESS workflow's hard 5-minute
 * limit, the age after which the sweeper treats a pending report as abandoned too (ADR 29). A marker is removed
 * as soon as its report is final; this only bounds a marker left behind.
 */
export const IN_FLIGHT_SECONDS = 10 * 60;

/** Attempts of a reservation that lost a race to a concurrent transaction (TransactionConflict). */
const RESERVE_ATTEMPTS = 5;

const DAY_SECONDS = 86_400;
const epochSeconds = (date: Date) => Math.floor(date.getTime() / 1000);
/** The UTC day of an instant, `YYYY-MM-DD`, and the seconds left until the next one starts. */
function utcDay(now: Date): { day: string; secondsLeft: number } {
  const seconds = epochSeconds(now);
  return { day: now.toISOString().slice(0, 10), secondsLeft: DAY_SECONDS - (seconds % DAY_SECONDS) };
}

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

  /** The report an in-flight marker names, if that report is still pending (else the marker is stale). */
  const pendingHolder = async (userId: string, month: string, seconds: number) => {
    const { Item } = await client.send(
      new GetCommand({ TableName: tableName, Key: inFlightKey(userId, month), ConsistentRead: true }),
    );
    if (!Item) return { holder: undefined };
    const reportId = String(Item.reportId);
    if (Number(Item.lockedUntil) < seconds) return { holder: undefined, stale: reportId };
    const held = await findReport({ userId, reportId });
    return held?.status === 'pending' ? { holder: reportId } : { holder: undefined, stale: reportId };
  };

  type Attempt = Reservation | { outcome: 'retry'; stale?: string };

  /**
   * One try. The marker may be taken if there is none, if it has expired, or if it names `stale`: a report that
   * was found final (or gone) while its marker was still there (the marker is removed just after the report
   * becomes final, so a client may see the report ready a moment before).
   */
  const reserveOnce = async (report: Report, dailyLimit: number, stale?: string): Promise<Attempt> => {
    const at = now();
    const seconds = epochSeconds(at);
    // The day the report was requested on: the same day its discard gives back.
    const { day, secondsLeft } = utcDay(new Date(report.createdAt));
    try {
      await client.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Put: {
                TableName: tableName,
                Item: reportItem(report),
                ConditionExpression: 'attribute_not_exists(PK)',
              },
            },
            {
              Put: {
                TableName: tableName,
                Item: {
                  ...inFlightKey(report.userId, report.month),
                  type: 'ReportInFlight',
                  reportId: report.reportId,
                  lockedUntil: seconds + IN_FLIGHT_SECONDS,
                  expiresAt: seconds + IN_FLIGHT_SECONDS + DAY_SECONDS,
                },
                ConditionExpression: `attribute_not_exists(PK) OR lockedUntil < :now${stale ? ' OR reportId = :stale' : ''}`,
                ExpressionAttributeValues: { ':now': seconds, ...(stale ? { ':stale': stale } : {}) },
              },
            },
            {
              Update: {
                TableName: tableName,
                Key: dailyRequestsKey(report.userId, day),
                UpdateExpression: 'ADD requests :one SET #type = :type, expiresAt = :expiresAt',
                ConditionExpression: 'attribute_not_exists(requests) OR requests < :limit',
                ExpressionAttributeNames: { '#type': 'type' },
                ExpressionAttributeValues: {
                  ':one': 1,
                  ':limit': dailyLimit,
                  ':type': 'ReportRequests',
                  ':expiresAt': seconds + secondsLeft + DAY_SECONDS,
                },
              },
            },
          ],
        }),
      );
      return { outcome: 'created' };
    } catch (error) {
      const codes = cancellationCodes(error);
      if (!codes) throw error;
      const attempt = await whyCancelled(codes, report, seconds);
      if (attempt === 'limit')
        return { outcome: 'limit-reached', limit: dailyLimit, retryAfterSeconds: secondsLeft };
      if (attempt === 'conflict') return { outcome: 'retry', stale };
      if (attempt) return attempt;
      throw error;
    }
  };

  /** What a cancelled reservation means: the month is in flight (or its marker stale), the limit, a race. */
  const whyCancelled = async (
    codes: (string | undefined)[],
    report: Report,
    seconds: number,
  ): Promise<Attempt | 'limit' | 'conflict' | undefined> => {
    if (codes[1] === 'ConditionalCheckFailed') {
      const { holder, stale } = await pendingHolder(report.userId, report.month, seconds);
      return holder ? { outcome: 'in-flight', reportId: holder } : { outcome: 'retry', stale };
    }
    if (codes[2] === 'ConditionalCheckFailed') return 'limit';
    if (codes.includes('TransactionConflict')) return 'conflict';
    return undefined;
  };

  const reserveReport: ReserveReport = async (report, { dailyLimit }) => {
    let stale: string | undefined;
    for (let attempt = 1; ; attempt++) {
      const reservation = await reserveOnce(report, dailyLimit, stale);
      if (reservation.outcome !== 'retry') return reservation;
      stale = reservation.stale;
      if (attempt >= RESERVE_ATTEMPTS)
        throw new Error(`The report of ${report.month} could not be reserved: too many concurrent requests`);
      await delay(Math.random() * 25 * 2 ** attempt);
    }
  };

  /** Removes the in-flight marker of a report's month if it is this report's (a final report, or a discarded one). */
  const releaseInFlight = async (report: Pick<Report, 'userId' | 'reportId' | 'month'>) => {
    try {
      await client.send(
        new DeleteCommand({
          TableName: tableName,
          Key: inFlightKey(report.userId, report.month),
          ConditionExpression: 'reportId = :reportId',
          ExpressionAttributeValues: { ':reportId': report.reportId },
        }),
      );
    } catch (error) {
      // No marker (a scheduled report, or already released) or another report's: nothing to release.
      if (!conditionFailed(error)) throw error;
    }
  };

  const discardPendingReport: DiscardPendingReport = async (report) => {
    try {
      await client.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Delete: {
                TableName: tableName,
                Key: reportKey(report),
                ConditionExpression: '#status = :pending',
                ExpressionAttributeNames: { '#status': 'status' },
                ExpressionAttributeValues: { ':pending': 'pending' },
              },
            },
            {
              Update: {
                TableName: tableName,
                Key: dailyRequestsKey(report.userId, report.createdAt.slice(0, 10)),
                UpdateExpression: 'ADD requests :minusOne',
                ExpressionAttributeValues: { ':minusOne': -1 },
              },
            },
          ],
        }),
      );
    } catch (error) {
      // Already finished (the workflow did start after all) or already gone: either way, nothing to undo.
      if (!cancellationCodes(error)?.includes('ConditionalCheckFailed')) throw error;
    }
    await releaseInFlight(report);
  };

  /** Removes a scheduled report whose workflow could not be started, only while it is still pending. */
  const removePendingReport: RemovePendingReport = async (key) => {
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
      // Already finished (the workflow did start after all) or gone: nothing to remove.
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

  /** Keys of the reports pending since before `before`, oldest first per shard (the sparse PendingReports index). */
  const listReportsPendingSince: ListReportsPendingSince = async (before) => {
    const perShard = await Promise.all(
      pendingShards().map((shard) =>
        queryAll(client, {
          TableName: tableName,
          IndexName: PENDING_REPORTS_INDEX,
          KeyConditionExpression: 'pendingShard = :shard AND pendingSince < :before',
          ExpressionAttributeValues: { ':shard': shard, ':before': before.toISOString() },
        }),
      ),
    );
    return perShard.flat().flatMap((item) => reportKeyOfItem(item) ?? []);
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
    } catch (error) {
      if (!transactionConditionFailed(error, 0)) throw error;
      await releaseInFlight(report);
      return 'already-final';
    }
    await releaseInFlight(report);
    return 'finished';
  };

  return {
    savePendingReport,
    reserveReport,
    discardPendingReport,
    removePendingReport,
    releaseInFlight,
    findReport,
    listReportsOfMonth,
    listReportsPendingSince,
    finishReport,
  };
}

export type ReportStore = ReturnType<typeof buildReportStore>;
