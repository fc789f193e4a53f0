import { randomUUID } from 'node:crypto';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { HttpHandler, HttpResponse } from '@spendwise/lambda-kit/http';
import { httpEvent, lambdaContext } from '@spendwise/lambda-kit/testing';
import { testCalendar } from '@spendwise/test-kit';
import { buildCatalogCopyStore } from '../src/adapters/catalogCopyStore';
import { buildExpenseStore } from '../src/adapters/expenseStore';
import { createExpenseHandler } from '../src/functions/createExpense/createExpense';
import { deleteExpenseHandler } from '../src/functions/deleteExpense/deleteExpense';
import { getExpenseHandler } from '../src/functions/getExpense/getExpense';
import { listExpensesHandler } from '../src/functions/listExpenses/listExpenses';
import { updateExpenseHandler } from '../src/functions/updateExpense/updateExpense';
import type { FindOwnCategory, SaveNewExpense } from '../src/ports';

/** Dates of the expenses tests, from the clock the handlers use. */
export const cal = testCalendar();

const SCOPES = 'openid spendwise/expenses.read spendwise/expenses.write';

export interface ApiCall {
  user: string;
  body?: unknown;
  query?: Record<string, string>;
  headers?: Record<string, string>;
}

export interface ApiAnswer {
  status: number;
  headers: Record<string, string>;
  body: Record<string, unknown> & { code?: string };
}

/**
 * The expenses API as the deployed functions serve it — the same middy stacks over the real DynamoDB stores of
 * `table` (expenses and the copy of the catalog) — called with API Gateway HTTP API events as the JWT authorizer
 * would pass them. `recorded` counts the expenses the create handler reported for its metric.
 */
export function expensesApi(
  table: { documentClient: DynamoDBDocumentClient; tableName: string },
  overrides: { saveNewExpense?: SaveNewExpense; findOwnCategory?: FindOwnCategory } = {},
) {
  const store = buildExpenseStore(table.documentClient, { tableName: table.tableName });
  const copy = buildCatalogCopyStore(table.documentClient, { tableName: table.tableName });
  const findOwnCategory = overrides.findOwnCategory ?? copy.findOwnCategory;
  const recorded: string[] = [];
  const handlers = {
    create: createExpenseHandler({
      saveNewExpense: overrides.saveNewExpense ?? store.saveNewExpense,
      findReplay: store.findReplay,
      findOwnCategory,
      findMerchantRule: copy.findMerchantRule,
      now: () => new Date(),
      newId: randomUUID,
      onRecorded: (expense) => recorded.push(expense.expenseId),
    }),
    list: listExpensesHandler({ listExpenses: store.listExpenses }),
    get: getExpenseHandler({ findExpense: store.findExpense }),
    update: updateExpenseHandler({
      findExpense: store.findExpense,
      saveExpenseChange: store.saveExpenseChange,
      findOwnCategory,
      now: () => new Date(),
    }),
    remove: deleteExpenseHandler({ findExpense: store.findExpense, deleteExpense: store.deleteExpense }),
  };

  const call = async (handler: HttpHandler, method: string, path: string, input: ApiCall, id?: string) => {
    const event = httpEvent({
      method,
      path,
      claims: { sub: input.user, scope: SCOPES },
      requestId: randomUUID(),
      ...(input.body === undefined ? {} : { body: input.body }),
      ...(input.query ? { query: input.query } : {}),
      headers: {
        ...(typeof input.body === 'string' ? { 'content-type': 'application/json' } : {}),
        ...input.headers,
      },
      ...(id === undefined ? {} : { pathParameters: { id } }),
    });
    const response = (await handler(event, lambdaContext())) as HttpResponse;
    return {
      status: response.statusCode ?? 0,
      headers: (response.headers ?? {}) as Record<string, string>,
      body: response.body ? JSON.parse(response.body) : {},
    } satisfies ApiAnswer;
  };

  return {
    recorded,
    copy,
    create: (input: ApiCall) => call(handlers.create, 'POST', '/expenses', input),
    list: (input: ApiCall) => call(handlers.list, 'GET', '/expenses', input),
    get: (id: string, input: ApiCall) => call(handlers.get, 'GET', `/expenses/${id}`, input, id),
    update: (id: string, input: ApiCall) => call(handlers.update, 'PATCH', `/expenses/${id}`, input, id),
    remove: (id: string, input: ApiCall) => call(handlers.remove, 'DELETE', `/expenses/${id}`, input, id),
  };
}

export const lunch = {
  amount: { minorUnits: 1250, currency: 'EUR' },
  date: cal.day(4),
  categoryId: 'dining',
  merchant: 'Cafe',
};
