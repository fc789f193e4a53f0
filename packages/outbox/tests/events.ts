import { readFileSync } from 'node:fs';
import { createEvent, ExpenseDeleted } from '@spendwise/contracts';

const example = JSON.parse(
  readFileSync(
    new URL('../../../events/expenses/examples/ExpenseDeleted.v1.minimal.json', import.meta.url),
    'utf8',
  ),
);

/** A schema-valid ExpenseDeleted event with a fresh event id, occurring at `occurredAt` (default now). */
export const expenseDeleted = (userId = 'u-1', occurredAt = new Date()) =>
  createEvent(
    ExpenseDeleted,
    example.data,
    { userId, correlationId: 'corr-outbox', causationId: 'corr-outbox' },
    { occurredAt },
  );
