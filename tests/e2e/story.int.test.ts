/**
 * End to end over the local cloud: the `pnpm demo` story, asserted, and what one user's token can see of
 * another's data (nothing).
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { requestText } from '../../packages/local-cloud/src/bedrock/requestLog';
import type { SpendwiseClient } from '../../scripts/demo/client';
import { runDemoStory, type StoryOutcome } from '../../scripts/demo/story';
import { type System, settled, startSystem } from './support/system';

let system: System;
let outcome: StoryOutcome;
let alice: SpendwiseClient;
let bob: SpendwiseClient;

interface CategoryTotal {
  categoryId: string;
  currency: string;
  minorUnits: number;
  count: number;
}

beforeAll(async () => {
  system = await startSystem();
  alice = await system.as('e2e-alice');
  bob = await system.as('e2e-bob');
  outcome = await runDemoStory({
    client: alice,
    email: 'e2e-alice@example.com',
    outboxDir: system.outboxDir,
    settle: () => settled(system),
  });
}, 900_000);

afterAll(() => system?.stop());

/** Totals per category and currency computed from the expenses themselves. */
function totalsOf(expenses: StoryOutcome['expenses'], month: string): CategoryTotal[] {
  const sums = new Map<string, CategoryTotal>();
  for (const e of expenses.filter((x) => x.date.startsWith(month))) {
    const key = `${e.categoryId}|${e.amount.currency}`;
    const seen = sums.get(key) ?? {
      categoryId: e.categoryId,
      currency: e.amount.currency,
      minorUnits: 0,
      count: 0,
    };
    sums.set(key, { ...seen, minorUnits: seen.minorUnits + e.amount.minorUnits, count: seen.count + 1 });
  }
  return [...sums.values()].sort((a, b) =>
    `${a.categoryId}|${a.currency}`.localeCompare(`${b.categoryId}|${b.currency}`),
  );
}

const sorted = (totals: CategoryTotal[]) =>
  [...totals].sort((a, b) => `${a.categoryId}|${a.currency}`.localeCompare(`${b.categoryId}|${b.currency}`));

describe('the demo story', () => {
  it('keeps the monthly totals equal to the sum of the expenses, after an update and a delete', () => {
    for (const month of [outcome.months.previous, outcome.months.current]) {
      const summary = outcome.summaries[month] as { totals: CategoryTotal[] };
      expect(sorted(summary.totals)).toEqual(totalsOf(outcome.expenses, month));
    }
    expect(outcome.expenses.length).toBeGreaterThan(10);
  });

  it('files the expense without a category under the merchant rule', () => {
    const metro = outcome.expenses.filter(
      (e) => e.merchant === 'City Metro' && e.date.startsWith(outcome.months.current),
    );
    expect(metro.map((e) => e.categoryId)).toEqual(['transport']);
  });

  it('alerts each crossed threshold and the anomaly exactly once, in the inbox and by e-mail', () => {
    const types = outcome.inbox.map((i) => i.type).sort();

    expect(types.filter((t) => t === 'BudgetThresholdReached')).toHaveLength(2);
    expect(types.filter((t) => t === 'SpendingAnomalyDetected')).toHaveLength(1);
    expect(types.filter((t) => t === 'InsightReportReady')).toHaveLength(1);
    expect(outcome.emails.length).toBeGreaterThanOrEqual(3);
    expect(outcome.emails.every((m) => m.to === 'e2e-alice@example.com')).toBe(true);
  });

  it('answers the report request with a report the model wrote, of the expected structure', () => {
    expect(outcome.report).toMatchObject({ status: 'ready', source: 'model', month: outcome.months.current });
    expect(outcome.report.summary).toEqual(expect.any(String));
    expect(outcome.report.highlights?.length).toBeGreaterThan(0);
    expect(outcome.report.recommendations).toHaveLength(3);
  });

  it("sends the model the month's aggregates and never the note that tries to instruct it", () => {
    const notes = outcome.expenses
      .map((expense) => (expense as { note?: string }).note)
      .filter((note): note is string => Boolean(note));
    const hostile = notes.filter((note) => /ignore previous instructions/i.test(note));
    // What the local model was really sent: every request since the local cloud started.
    const sent = system.cloud.engines.model.requests.list();
    const dataOf = (request: (typeof sent)[number]) => {
      const user = request.messages.map((message) => message.text).join('\n');
      const block = /<spending_data>\n([\s\S]*)\n<\/spending_data>/.exec(user)?.[1];
      return JSON.parse(block ?? 'null') as {
        month: string;
        expenseCount: number;
        unusualExpenses: unknown[];
      };
    };
    const reportPrompts = sent
      .filter((request) => request.tools.includes('submit_report'))
      .filter((request) => dataOf(request)?.month === outcome.months.current);

    expect(hostile).toHaveLength(1);
    expect(reportPrompts).toHaveLength(1);
    for (const request of sent) for (const note of notes) expect(requestText(request)).not.toContain(note);
    // Not vacuous: the prompt carries the month's aggregates (the expense with the note among them).
    const data = dataOf(reportPrompts[0] as (typeof sent)[number]);
    const current = outcome.expenses.filter((expense) => expense.date.startsWith(outcome.months.current));
    expect(data.expenseCount).toBe(current.length);
    expect(data.unusualExpenses.length).toBeGreaterThan(0);
  });
});

describe("one user's token and another user's data", () => {
  it('cannot read or change the categories, budgets, summaries, reports or notifications of someone else', async () => {
    const created = await alice.expect<{ categoryId: string }>(201, 'catalog', 'POST', '/categories', {
      name: 'Alice Hobbies',
    });
    const aliceNotification = outcome.inbox[0]!;

    const bobCategories = await bob.expect<{ items: Array<{ categoryId: string }> }>(
      200,
      'catalog',
      'GET',
      '/categories',
    );
    const bobBudgets = await bob.expect<{ items: unknown[] }>(200, 'catalog', 'GET', '/budgets');
    const bobSummary = await bob.expect<{ totals: unknown[] }>(
      200,
      'insights',
      'GET',
      `/insights/summary?month=${outcome.months.current}`,
    );
    const bobReports = await bob.expect<{ items: unknown[] }>(
      200,
      'insights',
      'GET',
      `/insights/reports?month=${outcome.months.current}`,
    );
    const bobInbox = await bob.expect<{ items: unknown[]; unreadCount: number }>(
      200,
      'notifications',
      'GET',
      '/notifications',
    );

    expect(bobCategories.items.map((c) => c.categoryId)).not.toContain(created.categoryId);
    expect(bobBudgets.items).toEqual([]);
    expect(bobSummary.totals).toEqual([]);
    expect(bobReports.items).toEqual([]);
    expect(bobInbox).toMatchObject({ items: [], unreadCount: 0 });
    const attempts = await Promise.all([
      bob.call(
        'catalog',
        'PATCH',
        `/categories/${created.categoryId}`,
        { name: 'Mine now' },
        { 'if-match': '"1"' },
      ),
      bob.call('catalog', 'POST', `/categories/${created.categoryId}/archive`),
      bob.call('insights', 'GET', `/insights/reports/${outcome.report.reportId}`),
      bob.call('notifications', 'POST', `/notifications/${aliceNotification.id}/read`),
      bob.call('expenses', 'GET', `/expenses/${outcome.expenses[0]!.expenseId}`),
    ]);
    expect(attempts.map((a) => a.status)).toEqual([404, 404, 404, 404, 404]);
    // Every answer above, refusals included, was checked against the OpenAPI documents (a mismatch throws).
    expect(bob.answersChecked()).toBe(10);
    const aliceInbox = await alice.expect<{ unreadCount: number }>(
      200,
      'notifications',
      'GET',
      '/notifications',
    );
    expect(aliceInbox.unreadCount).toBe(outcome.unreadCount);
  });
});
