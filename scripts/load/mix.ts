import { randomUUID } from 'node:crypto';
import type { ServiceName } from '@spendwise/client';
import { DEFAULT_CATEGORIES } from '@spendwise/contracts';

/** One request of the mix, ready to send. */
export interface PlannedRequest {
  /** The route as the report names it (method and path template). */
  route: string;
  service: ServiceName;
  method: 'GET' | 'POST' | 'PUT';
  path: string;
  user: number;
  body?: unknown;
  headers?: Record<string, string>;
  /** For POST /expenses: what was asked for, to check against what the system ends up with. */
  expense?: SentExpense;
}

/** An expense the load asked for, under its Idempotency-Key. */
export interface SentExpense {
  idempotencyKey: string;
  user: number;
  date: string;
  month: string;
  categoryId: string;
  currency: string;
  minorUnits: number;
  merchant: string;
}

export const ROUTES = [
  'POST /expenses',
  'GET /expenses',
  'GET /insights/summary',
  'PUT /budgets/{categoryId}',
  'GET /budgets',
  'POST /insights/reports',
] as const;

/** The mix of the issue: 70 % record, 20 % list + monthly summary, 10 % budgets and reports (per 100 requests). */
const WEIGHTS: [(typeof ROUTES)[number], number][] = [
  ['POST /expenses', 70],
  ['GET /expenses', 10],
  ['GET /insights/summary', 10],
  ['PUT /budgets/{categoryId}', 4],
  ['GET /budgets', 3],
  ['POST /insights/reports', 3],
];

const MERCHANTS: [string, string][] = [
  ['Carrefour Market', 'groceries'],
  ['Lidl', 'groceries'],
  ['Bäckerei Schmidt', 'groceries'],
  ['Le Petit Bistro', 'dining'],
  ['Pizzeria Da Michele', 'dining'],
  ['Starbucks', 'dining'],
  ['SNCF', 'transport'],
  ['Uber', 'transport'],
  ['Shell', 'transport'],
  ['EDF', 'utilities'],
  ['Vodafone', 'utilities'],
  ['Pharmacie Centrale', 'health'],
  ['Cinéma Pathé', 'entertainment'],
  ['Spotify', 'entertainment'],
  ['Fnac', 'shopping'],
  ['Zalando', 'shopping'],
  ['Booking.com', 'travel'],
  ['Airbnb', 'travel'],
  ['Landlord', 'housing'],
  ['Kiosk', 'other'],
];

/** A deterministic pseudo-random source (mulberry32), so a run can be repeated with `--seed`. */
export function randomSource(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const isoDay = (date: Date) => date.toISOString().slice(0, 10);

/**
 * Plans the requests of a run: which route, which user, and a realistic body: an amount from a long-tailed
 * distribution (most a few euros, some hundreds), a merchant with its category, a day of this month up to today
 * (from the clock) or of the month before.
 */
export function planner(options: { users: number; currency: string; now: () => Date; random: () => number }) {
  const { random } = options;
  const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)] as T;
  const total = WEIGHTS.reduce((sum, [, weight]) => sum + weight, 0);
  const routeOf = () => {
    let roll = random() * total;
    for (const [route, weight] of WEIGHTS) {
      roll -= weight;
      if (roll < 0) return route;
    }
    return WEIGHTS[0]![0];
  };
  const day = () => {
    const today = options.now();
    // Four in five expenses land in the current month, the rest in the one before.
    const back =
      random() < 0.8
        ? Math.floor(random() * today.getUTCDate())
        : today.getUTCDate() + Math.floor(random() * 27);
    return isoDay(new Date(today.getTime() - back * 86_400_000));
  };
  const amount = () => Math.max(50, Math.round(Math.exp(5 + random() * 5.5)));
  const month = () => isoDay(options.now()).slice(0, 7);

  return (): PlannedRequest => {
    const route = routeOf();
    const user = Math.floor(random() * options.users);
    switch (route) {
      case 'POST /expenses': {
        const [merchant, categoryId] = pick(MERCHANTS);
        const date = day();
        const expense: SentExpense = {
          idempotencyKey: randomUUID(),
          user,
          date,
          month: date.slice(0, 7),
          categoryId,
          currency: options.currency,
          minorUnits: amount(),
          merchant,
        };
        return {
          route,
          service: 'expenses',
          method: 'POST',
          path: '/expenses',
          user,
          expense,
          headers: { 'idempotency-key': expense.idempotencyKey },
          body: {
            amount: { currency: expense.currency, minorUnits: expense.minorUnits },
            date,
            categoryId,
            merchant,
          },
        };
      }
      case 'GET /expenses':
        return {
          route,
          service: 'expenses',
          method: 'GET',
          path: `/expenses?month=${month()}&limit=50`,
          user,
        };
      case 'GET /insights/summary':
        return {
          route,
          service: 'insights',
          method: 'GET',
          path: `/insights/summary?month=${month()}`,
          user,
        };
      case 'PUT /budgets/{categoryId}': {
        const { categoryId } = pick(DEFAULT_CATEGORIES);
        return {
          route,
          service: 'catalog',
          method: 'PUT',
          path: `/budgets/${categoryId}`,
          user,
          body: {
            amount: { currency: options.currency, minorUnits: 10_000 * (1 + Math.floor(random() * 50)) },
          },
        };
      }
      case 'GET /budgets':
        return { route, service: 'catalog', method: 'GET', path: '/budgets', user };
      case 'POST /insights/reports':
        return {
          route,
          service: 'insights',
          method: 'POST',
          path: '/insights/reports',
          user,
          body: { month: month() },
        };
    }
  };
}
