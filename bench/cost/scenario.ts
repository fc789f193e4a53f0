/**
 * The cost model's scenario, played through the public HTTP APIs with the typed client: users with a monthly
 * groceries budget, two months of expenses each (the previous month is history for the anomaly detector and the
 * reports; the budget covers the current month only), so that one expense in twenty crosses the budget's
 * threshold and raises an alert, and a few AI reports of the current month.
 */
import type { RunningLocalCloud } from '@spendwise/local-cloud/localCloud';
import { demoCalendar } from '../../scripts/demo/calendar';
import { buildClient, type SpendwiseClient } from '../../scripts/demo/client';

/** Each user's expenses per month, in the order recorded: [category, cents]. Groceries cross the budget at the 4th. */
const MONTH: Array<[categoryId: string, cents: number]> = [
  ['groceries', 1500],
  ['dining', 2000],
  ['transport', 800],
  ['groceries', 1500],
  ['dining', 2000],
  ['groceries', 1500],
  ['transport', 800],
  ['groceries', 1500],
  ['dining', 2000],
  ['transport', 800],
];
/** 50.00 EUR: four groceries of 15.00 reach it (100 %) in the current month, three do not. */
const BUDGET = { amount: { minorUnits: 5000, currency: 'EUR' as const }, thresholds: [100] };
export const EXPENSES_PER_USER = MONTH.length * 2;

export interface Scenario {
  users: SpendwiseClient[];
  currentMonth: string;
}

const eur = (minorUnits: number) => ({ minorUnits, currency: 'EUR' as const });

/** Runs `work` over `items`, `parallel` at a time. */
async function inParallel<T>(items: T[], parallel: number, work: (item: T, index: number) => Promise<void>) {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(parallel, items.length) }, async () => {
      while (next < items.length) {
        const index = next++;
        await work(items[index] as T, index);
      }
    }),
  );
}

/** Users (with their tokens) and their budgets: the set-up, not measured. */
export async function setUp(cloud: RunningLocalCloud, expenses: number, reports: number): Promise<Scenario> {
  const runId = Date.now().toString(36);
  const count = Math.max(reports, Math.ceil(expenses / EXPENSES_PER_USER));
  const users: SpendwiseClient[] = [];
  for (let i = 0; i < count; i += 1)
    users.push(
      buildClient(cloud.endpoints.apis, await cloud.engines.auth.mintToken({ user: `cost-${runId}-${i}` })),
    );
  await inParallel(users, 4, async (user) => {
    await user.api.budgets.set('groceries', BUDGET);
  });
  return { users, currentMonth: demoCalendar().currentMonth };
}

/** Records `expenses` expenses, twenty per user (previous month, then current month), four users at a time. */
export async function recordExpenses(
  scenario: Scenario,
  expenses: number,
  progress: (done: number) => void,
): Promise<number> {
  const calendar = demoCalendar();
  let done = 0;
  await inParallel(scenario.users, 4, async (user, index) => {
    const mine = Math.min(EXPENSES_PER_USER, expenses - index * EXPENSES_PER_USER);
    for (let n = 0; n < mine; n += 1) {
      const [categoryId, cents] = MONTH[n % MONTH.length] as [string, number];
      const day = (n % MONTH.length) + 1;
      const date = n < MONTH.length ? calendar.previous(day * 2) : calendar.current(day);
      await user.api.expenses.create({ amount: eur(cents), date, categoryId, merchant: `Shop ${n % 3}` });
      done += 1;
      if (done % 50 === 0) progress(done);
    }
  });
  return done;
}

/** Asks for the current month's AI report of the first `reports` users. */
export async function requestReports(scenario: Scenario, reports: number): Promise<number> {
  const users = scenario.users.slice(0, reports);
  await inParallel(users, 4, async (user) => {
    await user.api.insights.requestReport(scenario.currentMonth);
  });
  return users.length;
}
