import { type Expense, monthOf } from '../domain/expense';

// Single-table key design (docs/expenses-data-model.md):
//   expense      PK USER#<user>            SK EXPENSE#<id>
//                GSI1PK USER#<user>#MONTH#<yyyy-mm>                    GSI1SK <date>#<id>
//                GSI2PK USER#<user>#CATEGORY#<category>#MONTH#<yyyy-mm> GSI2SK <date>#<id>
//   idempotency  PK USER#<user>            SK IDEMPOTENCY#<key>         (TTL expiresAt)
//   outbox       PK OUTBOX#<eventId>       SK OUTBOX                    (TTL expiresAt; drained by the relay)
//   pending receipt upload PK USER#<user>   SK RECEIPT_UPLOAD#<expenseId>   (TTL expiresAt; the latest presigned POST)
//   receipt rejection      PK USER#<user>   SK RECEIPT_REJECTION#<receiptId> (TTL expiresAt; one ReceiptRejected each)
//   copy of the catalog (fed by catalog events):
//   category     PK USER#<user>            SK CATALOG#CATEGORY#<categoryId>
//   merchant rule PK USER#<user>           SK CATALOG#MERCHANT_RULE#<normalised merchant>

export const userKey = (userId: string) => `USER#${userId}`;

export const expenseKey = (userId: string, expenseId: string) => ({
  PK: userKey(userId),
  SK: `EXPENSE#${expenseId}`,
});

export const monthPartition = (userId: string, month: string) => `USER#${userId}#MONTH#${month}`;

export const categoryMonthPartition = (userId: string, categoryId: string, month: string) =>
  `USER#${userId}#CATEGORY#${categoryId}#MONTH#${month}`;

export const idempotencyKey = (userId: string, key: string) => ({
  PK: userKey(userId),
  SK: `IDEMPOTENCY#${key}`,
});

export const pendingReceiptKey = (userId: string, expenseId: string) => ({
  PK: userKey(userId),
  SK: `RECEIPT_UPLOAD#${expenseId}`,
});

export const receiptRejectionKey = (userId: string, receiptId: string) => ({
  PK: userKey(userId),
  SK: `RECEIPT_REJECTION#${receiptId}`,
});

export const ownCategoryKey = (userId: string, categoryId: string) => ({
  PK: userKey(userId),
  SK: `CATALOG#CATEGORY#${categoryId}`,
});

export const merchantRuleKey = (userId: string, merchant: string) => ({
  PK: userKey(userId),
  SK: `CATALOG#MERCHANT_RULE#${merchant}`,
});

/** The stored form of an expense: its attributes plus the keys of the table and both indexes. */
export function expenseItem(expense: Expense): Record<string, unknown> {
  const month = monthOf(expense.date);
  const sortKey = `${expense.date}#${expense.expenseId}`;
  return {
    ...expenseKey(expense.userId, expense.expenseId),
    GSI1PK: monthPartition(expense.userId, month),
    GSI1SK: sortKey,
    GSI2PK: categoryMonthPartition(expense.userId, expense.categoryId, month),
    GSI2SK: sortKey,
    type: 'Expense',
    ...expense,
  };
}

const KEY_ATTRIBUTES = ['PK', 'SK', 'GSI1PK', 'GSI1SK', 'GSI2PK', 'GSI2SK', 'type'];

/** Strips table keys from a stored item. */
export function expenseFromItem(item: Record<string, unknown>): Expense {
  return Object.fromEntries(
    Object.entries(item).filter(([name]) => !KEY_ATTRIBUTES.includes(name)),
  ) as unknown as Expense;
}
