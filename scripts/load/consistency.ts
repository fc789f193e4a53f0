import { createSpendwiseClient, type MonthSummary } from '@spendwise/client';
import type { SentExpense } from './mix';
import type { Target } from './target';

/** An expense the system acknowledged (201, at once or when its Idempotency-Key was replayed). */
export interface Acknowledged extends SentExpense {
  expenseId: string;
}

export interface ConsistencyReport {
  ok: boolean;
  lines: string[];
}

type Totals = Map<string, { count: number; minorUnits: number }>;

const groupKey = (user: number, month: string) => `${user}\u0000${month}`;

/** Expected totals per user and month, by `<categoryId> <currency>`. */
export function expectedTotals(expenses: readonly Acknowledged[]): Map<string, Totals> {
  const byGroup = new Map<string, Totals>();
  for (const expense of expenses) {
    const key = groupKey(expense.user, expense.month);
    const totals = byGroup.get(key) ?? new Map();
    byGroup.set(key, totals);
    const line = `${expense.categoryId} ${expense.currency}`;
    const sum = totals.get(line) ?? { count: 0, minorUnits: 0 };
    totals.set(line, { count: sum.count + 1, minorUnits: sum.minorUnits + expense.minorUnits });
  }
  return byGroup;
}

/** The differences between expected and reported totals (empty when equal). */
export function totalsDiff(expected: Totals, summary: Pick<MonthSummary, 'totals'>): string[] {
  const actual: Totals = new Map(
    summary.totals.map((line) => [
      `${line.categoryId} ${line.currency}`,
      { count: line.count, minorUnits: line.minorUnits },
    ]),
  );
  const diffs: string[] = [];
  for (const key of new Set([...expected.keys(), ...actual.keys()])) {
    const want = expected.get(key) ?? { count: 0, minorUnits: 0 };
    const got = actual.get(key) ?? { count: 0, minorUnits: 0 };
    if (want.count !== got.count || want.minorUnits !== got.minorUnits)
      diffs.push(
        `${key}: expected ${want.count} / ${want.minorUnits}, insights says ${got.count} / ${got.minorUnits}`,
      );
  }
  return diffs;
}

/**
 * After the load: waits until the insights read model shows every acknowledged expense (polling the monthly
 * summaries, at most `timeoutMs`), then checks that every acknowledged expense is listed and nothing else, that
 * the totals equal their sums per user, month and category, and that the bus carried one ExpenseRecorded per
 * expense.
 */
export async function checkConsistency(options: {
  target: Target;
  tokens: string[];
  acknowledged: readonly Acknowledged[];
  loadEndedAt: number;
  /** When the replays of unanswered POSTs ended (they record expenses too): catch-up is also given from here. */
  replaysEndedAt: number;
  timeoutMs: number;
  /** ExpenseRecorded events seen on the bus by expense id, or undefined when the bus cannot be watched. */
  recorded: () => Map<string, number> | undefined;
  say: (line: string) => void;
}): Promise<ConsistencyReport> {
  const { target, tokens, acknowledged, say } = options;
  const lines: string[] = [];
  let ok = true;
  const fail = (line: string) => {
    ok = false;
    lines.push(`FAIL ${line}`);
  };
  const clients = tokens.map((token) =>
    createSpendwiseClient({ baseUrls: target.apis, getToken: () => token, retries: 4 }),
  );
  const expected = expectedTotals(acknowledged);
  const groups = [...expected.keys()].map((key) => {
    const [user, month] = key.split('\u0000') as [string, string];
    return { user: Number(user), month, totals: expected.get(key) as Totals };
  });

  // 1. Read models caught up: every user's monthly totals equal the acknowledged expenses'.
  let pending = groups;
  let lastDiffs: string[] = [];
  const deadline = options.loadEndedAt + options.timeoutMs;
  for (;;) {
    const stillBehind: typeof groups = [];
    lastDiffs = [];
    for (const group of pending) {
      const { data: summary } = await clients[group.user]!.insights.summary(group.month);
      const diffs = totalsDiff(group.totals, summary);
      if (diffs.length > 0) {
        stillBehind.push(group);
        lastDiffs.push(...diffs.map((diff) => `user ${group.user} ${group.month} ${diff}`));
      }
    }
    pending = stillBehind;
    if (pending.length === 0 || performance.now() > deadline) break;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  const caughtUpSeconds = (performance.now() - options.loadEndedAt) / 1000;
  const sinceReplays = (performance.now() - options.replaysEndedAt) / 1000;
  if (pending.length === 0) {
    lines.push(
      `ok   insights totals equal the sums of ${acknowledged.length} acknowledged expenses (${groups.length} user-months), ` +
        `caught up ${caughtUpSeconds.toFixed(1)} s after the load ended (${sinceReplays.toFixed(1)} s after the replays)`,
    );
  } else {
    fail(
      `insights totals still differ ${caughtUpSeconds.toFixed(0)} s after the load ended (${pending.length} user-months):\n  ` +
        lastDiffs.slice(0, 10).join('\n  '),
    );
  }
  say(lines.at(-1) ?? '');

  // 2. Every acknowledged expense is listed, and nothing the load did not get acknowledged.
  const listed = new Set<string>();
  for (const { user, month } of groups) {
    let cursor: string | undefined;
    do {
      const page = await clients[user]!.expenses.list({ month, limit: '100', ...(cursor ? { cursor } : {}) });
      for (const item of page.items) listed.add(item.expenseId);
      cursor = page.nextCursor;
    } while (cursor);
  }
  const missing = acknowledged.filter((expense) => !listed.has(expense.expenseId));
  const ids = new Set(acknowledged.map((expense) => expense.expenseId));
  const extra = [...listed].filter((id) => !ids.has(id));
  if (missing.length === 0 && extra.length === 0)
    lines.push(`ok   every acknowledged expense is listed (${listed.size}), nothing else`);
  else
    fail(
      `listing: ${missing.length} acknowledged expense(s) missing, ${extra.length} listed but never acknowledged`,
    );
  say(lines.at(-1) ?? '');

  // 3. One ExpenseRecorded per expense on the bus.
  const recorded = options.recorded();
  if (!recorded) {
    lines.push('skip ExpenseRecorded count: the bus of a deployed stage is not watched (see docs/load.md)');
  } else {
    const counts = acknowledged.map((expense) => recorded.get(expense.expenseId) ?? 0);
    const none = counts.filter((count) => count === 0).length;
    const twice = counts.filter((count) => count > 1).length;
    const foreign = [...recorded.keys()].filter((id) => !ids.has(id)).length;
    if (none === 0 && twice === 0 && foreign === 0)
      lines.push(`ok   one ExpenseRecorded per acknowledged expense on the bus (${acknowledged.length})`);
    else
      fail(
        `bus: ${none} expense(s) without ExpenseRecorded, ${twice} with more than one, ${foreign} for unknown expenses`,
      );
  }
  say(lines.at(-1) ?? '');
  return { ok, lines };
}
