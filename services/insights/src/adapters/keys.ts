// Single-table key design (docs/insights-data-model.md). Everything of a user lives in PK USER#<user>; one
// month's read models share the SK prefix MONTH#<month>#, so a month is one Query.
//   expense state     SK EXPENSE#<expenseId>          GSI1PK USER#<user>#MONTH#<month>  GSI1SK <expenseId>  (live)
//   statistics        SK STATS#<categoryId>#<currency>
//   budget copy       SK BUDGET#<categoryId>
//   category copy     SK CATEGORY#<categoryId>
//   category total    SK MONTH#<month>#CATEGORY#<categoryId>#<currency>
//   (daily and merchant totals: computed on read from GSI1 USER#<user>#MONTH#<month>, docs/adr/0021)
//   anomaly           SK MONTH#<month>#ANOMALY#<expenseId>
//   threshold marker  SK MONTH#<month>#THRESHOLD#<categoryId>#<threshold>
//   active in month   SK MONTH#<month>#ACTIVE          GSI1PK ACTIVE#<month>  GSI1SK <userId>
//   active on a day   SK ACTIVE_DAY#<date>             (TTL expiresAt)
//   (reports, owned by the report workflow: SK REPORT#<reportId>, GSI1PK USER#<user>#REPORTS)
//   outbox            PK OUTBOX#<eventId>  SK OUTBOX   (@spendwise/outbox)

import type { AggregateKind } from '../domain/expenseState';

export const userKey = (userId: string) => `USER#${userId}`;

export const monthPrefix = (month: string) => `MONTH#${month}#`;

export const expenseKey = (userId: string, expenseId: string) => ({
  PK: userKey(userId),
  SK: `EXPENSE#${expenseId}`,
});

/** The GSI1 partition of a user's live expense states in a month: daily and merchant totals are read from it. */
export const monthExpensesIndexKey = (userId: string, month: string) => `${userKey(userId)}#MONTH#${month}`;

export const statsKey = (userId: string, categoryId: string, currency: string) => ({
  PK: userKey(userId),
  SK: `STATS#${categoryId}#${currency}`,
});

export const BUDGET_PREFIX = 'BUDGET#';
export const budgetKey = (userId: string, categoryId: string) => ({
  PK: userKey(userId),
  SK: `${BUDGET_PREFIX}${categoryId}`,
});

export const CATEGORY_PREFIX = 'CATEGORY#';
export const categoryKey = (userId: string, categoryId: string) => ({
  PK: userKey(userId),
  SK: `${CATEGORY_PREFIX}${categoryId}`,
});

const AGGREGATE_SEGMENT: Record<AggregateKind, string> = {
  category: 'CATEGORY',
  day: 'DAY',
  merchant: 'MERCHANT',
};

/** Item types of the aggregates, as stored in `type`. */
export const AGGREGATE_TYPE: Record<AggregateKind, string> = {
  category: 'CategoryTotal',
  day: 'DailyTotal',
  merchant: 'MerchantTotal',
};

export const aggregateKey = (
  userId: string,
  delta: { kind: AggregateKind; month: string; key: string; currency: string },
) => ({
  PK: userKey(userId),
  SK:
    delta.kind === 'merchant'
      ? `${monthPrefix(delta.month)}MERCHANT#${delta.currency}#${delta.key}`
      : `${monthPrefix(delta.month)}${AGGREGATE_SEGMENT[delta.kind]}#${delta.key}#${delta.currency}`,
});

export const anomalyKey = (userId: string, month: string, expenseId: string) => ({
  PK: userKey(userId),
  SK: `${monthPrefix(month)}ANOMALY#${expenseId}`,
});

export const THRESHOLD_SEGMENT = 'THRESHOLD#';
export const thresholdKey = (userId: string, month: string, categoryId: string, threshold: number) => ({
  PK: userKey(userId),
  SK: `${monthPrefix(month)}${THRESHOLD_SEGMENT}${categoryId}#${String(threshold).padStart(3, '0')}`,
});

export const activeMonthKey = (userId: string, month: string) => ({
  PK: userKey(userId),
  SK: `${monthPrefix(month)}ACTIVE`,
});

export const activeMonthIndexKey = (month: string) => `ACTIVE#${month}`;

export const activeDayKey = (userId: string, day: string) => ({
  PK: userKey(userId),
  SK: `ACTIVE_DAY#${day}`,
});
