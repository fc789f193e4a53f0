import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, ScanCommand } from '@aws-sdk/lib-dynamodb';
import type { ExpenseSnapshot } from '@spendwise/contracts';
import { buildInsightsStore } from '../adapters/insightsStore';
import { ConcurrentChangeError } from '../domain/errors';
import type { ExpenseChangePlan } from '../domain/expenseChange';
import {
  type Contribution,
  deletedState,
  type ExpenseState,
  liveState,
  storedDeltas,
} from '../domain/expenseState';

/**
 * After the expenses table was restored to a point in time (docs/runbooks/restore-table.md), insights has applied
 * changes the restored table no longer has: expenses recorded, changed or deleted after that time. This brings
 * each expense's applied state back to the restored one, and the read models of every month with it (category
 * totals written; daily and merchant totals are summed on read from the states), through the same guarded
 * transaction the spending consumer writes:
 *
 * - an expense of the restored table whose applied state differs (or that insights never saw): its live state,
 *   at the restored version, replaces what was applied (deltas: old contribution out, restored one in);
 * - an expense insights counts that the restored table does not have: a tombstone at the applied version.
 *
 * The state `Put` is guarded on the order it replaces, so a concurrent event or a second run changes nothing
 * twice (a lost race is reported, run it again); a second run finds nothing to do. The state is set to the
 * restored version even when that is older than what was applied, so the next change of a restored expense
 * (version + 1) is applied normally. Not rolled back: running statistics (anomaly history), announced thresholds
 * and anomalies, which describe what happened (docs/adr/0017).
 */
export interface ReconcileOptions {
  /** Reads the restored expenses table. */
  expenses: DynamoDBDocumentClient;
  expensesTable: string;
  insights: DynamoDBDocumentClient;
  insightsTable: string;
  dryRun?: boolean;
  onChange?: (change: ReconcileChange) => void;
}

export interface ReconcileChange {
  userId: string;
  expenseId: string;
  action: 'added' | 'corrected' | 'tombstoned';
  from?: { version: number; deleted: boolean; minorUnits?: number };
  to: { version: number; deleted: boolean; minorUnits?: number };
}

export interface ReconcileSummary {
  expenses: number;
  applied: number;
  unchanged: number;
  added: number;
  corrected: number;
  tombstoned: number;
  /** Guarded writes that lost to a concurrent change: run again. */
  conflicts: number;
}

type Row = Record<string, unknown>;

async function scanAll(client: DynamoDBDocumentClient, input: ConstructorParameters<typeof ScanCommand>[0]) {
  const rows: Row[] = [];
  let start: Row | undefined;
  do {
    const page = await client.send(
      new ScanCommand({ ...input, ConsistentRead: true, ...(start ? { ExclusiveStartKey: start } : {}) }),
    );
    rows.push(...((page.Items ?? []) as Row[]));
    start = page.LastEvaluatedKey as Row | undefined;
  } while (start);
  return rows;
}

const keyOf = (userId: string, expenseId: string) => `${userId}\u0000${expenseId}`;

/** Field by field: a map read back from DynamoDB does not keep its keys' order. */
const sameContribution = (a: Contribution | undefined, b: Contribution | undefined) =>
  a === undefined || b === undefined
    ? a === b
    : a.categoryId === b.categoryId &&
      a.currency === b.currency &&
      a.minorUnits === b.minorUnits &&
      a.date === b.date &&
      a.merchant === b.merchant;

const sameState = (a: ExpenseState, b: ExpenseState) =>
  a.order === b.order && a.deleted === b.deleted && sameContribution(a.contribution, b.contribution);

const view = (state: ExpenseState) => ({
  version: state.version,
  deleted: state.deleted,
  ...(state.contribution ? { minorUnits: state.contribution.minorUnits } : {}),
});

export type Planned = { plan: ExpenseChangePlan; change: ReconcileChange };

/** What must change so that every applied state equals the restored one (or a tombstone when it is gone). */
export function planReconcile(
  wanted: Map<string, ExpenseState>,
  stored: Map<string, ExpenseState>,
): { plans: Planned[]; unchanged: number } {
  const plans: Planned[] = [];
  let unchanged = 0;
  for (const [key, want] of wanted) {
    const have = stored.get(key);
    if (have && sameState(have, want)) {
      unchanged += 1;
      continue;
    }
    plans.push({
      plan: {
        state: want,
        replacesOrder: have?.order,
        deltas: storedDeltas(have?.contribution, want.contribution),
      },
      change: {
        userId: want.userId,
        expenseId: want.expenseId,
        action: have ? 'corrected' : 'added',
        ...(have ? { from: view(have) } : {}),
        to: view(want),
      },
    });
  }
  for (const [key, have] of stored) {
    if (wanted.has(key)) continue;
    if (have.deleted) {
      unchanged += 1;
      continue;
    }
    const tombstone = deletedState(have.userId, have.expenseId, have.version);
    plans.push({
      plan: {
        state: tombstone,
        replacesOrder: have.order,
        deltas: storedDeltas(have.contribution, undefined),
      },
      change: {
        userId: have.userId,
        expenseId: have.expenseId,
        action: 'tombstoned',
        from: view(have),
        to: view(tombstone),
      },
    });
  }
  return { plans, unchanged };
}

/** See ReconcileOptions. Resolves with what it found and did (or would do, with `dryRun`). */
export async function reconcileExpenseStates(options: ReconcileOptions): Promise<ReconcileSummary> {
  const restored = await scanAll(options.expenses, {
    TableName: options.expensesTable,
    FilterExpression: '#type = :expense',
    ExpressionAttributeNames: { '#type': 'type' },
    ExpressionAttributeValues: { ':expense': 'Expense' },
  });
  const applied = await scanAll(options.insights, {
    TableName: options.insightsTable,
    FilterExpression: '#type = :state',
    ExpressionAttributeNames: { '#type': 'type' },
    ExpressionAttributeValues: { ':state': 'ExpenseState' },
  });
  const wanted = new Map<string, ExpenseState>();
  for (const item of restored) {
    const userId = String(item.userId);
    wanted.set(keyOf(userId, String(item.expenseId)), liveState(userId, item as unknown as ExpenseSnapshot));
  }
  const stored = new Map<string, ExpenseState>();
  for (const item of applied) {
    const { PK: _pk, SK: _sk, type: _type, ...state } = item;
    const typed = state as unknown as ExpenseState;
    stored.set(keyOf(typed.userId, typed.expenseId), typed);
  }

  const summary: ReconcileSummary = {
    expenses: restored.length,
    applied: applied.length,
    unchanged: 0,
    added: 0,
    corrected: 0,
    tombstoned: 0,
    conflicts: 0,
  };
  const { plans, unchanged } = planReconcile(wanted, stored);
  summary.unchanged = unchanged;

  const store = buildInsightsStore(options.insights, { tableName: options.insightsTable });
  for (const { plan, change } of plans) {
    if (!options.dryRun) {
      try {
        await store.commitExpenseChange(plan, undefined);
      } catch (error) {
        if (!(error instanceof ConcurrentChangeError)) throw error;
        summary.conflicts += 1;
        continue;
      }
    }
    summary[change.action] += 1;
    options.onChange?.(change);
  }
  return summary;
}

/**
 * The restore command's reconciler for a restored expenses table (scripts/ops/restoreTable.ts): the insights
 * table of the stage, reached with the same client as the restored table.
 */
export function expensesReconciler(dynamo: DynamoDBClient, stage: string) {
  const documents = DynamoDBDocumentClient.from(dynamo);
  return async (tableName: string, dryRun: boolean): Promise<string> => {
    const summary = await reconcileExpenseStates({
      expenses: documents,
      expensesTable: tableName,
      insights: documents,
      insightsTable: `spendwise-${stage}-insights`,
      dryRun,
    });
    return (
      `insights: ${summary.expenses} restored expense(s), ${summary.applied} applied state(s): ${summary.unchanged} unchanged, ` +
      `${summary.added} added, ${summary.corrected} corrected, ${summary.tombstoned} tombstoned` +
      `${dryRun ? ' (would be)' : ''}, ${summary.conflicts} conflict(s)`
    );
  };
}
