import { randomUUID } from 'node:crypto';
import type { HttpHandler, HttpResponse } from '@spendwise/lambda-kit/http';
import { httpEvent, lambdaContext } from '@spendwise/lambda-kit/testing';
import type { buildCatalogStore } from '../src/adapters/catalogStore';
import { archiveCategoryHandler } from '../src/functions/archiveCategory/archiveCategory';
import { createCategoryHandler } from '../src/functions/createCategory/createCategory';
import { listBudgetsHandler } from '../src/functions/listBudgets/listBudgets';
import { listCategoriesHandler } from '../src/functions/listCategories/listCategories';
import { listMerchantRulesHandler } from '../src/functions/listMerchantRules/listMerchantRules';
import { removeBudgetHandler } from '../src/functions/removeBudget/removeBudget';
import { removeMerchantRuleHandler } from '../src/functions/removeMerchantRule/removeMerchantRule';
import { renameCategoryHandler } from '../src/functions/renameCategory/renameCategory';
import { setBudgetHandler } from '../src/functions/setBudget/setBudget';
import { setMerchantRuleHandler } from '../src/functions/setMerchantRule/setMerchantRule';

const SCOPES = 'openid spendwise/catalog.read spendwise/catalog.write';

export interface ApiCall {
  user: string;
  body?: unknown;
  headers?: Record<string, string>;
}

export interface ApiAnswer {
  status: number;
  headers: Record<string, string>;
  body: Record<string, unknown> & { code?: string; items?: Record<string, unknown>[] };
}

/**
 * The catalog API as the deployed functions serve it — the same middy stacks over the real DynamoDB store —
 * called with API Gateway HTTP API events as the JWT authorizer would pass them.
 */
export function catalogApi(store: ReturnType<typeof buildCatalogStore>) {
  const now = () => new Date();
  const h = {
    createCategory: createCategoryHandler({ saveCategory: store.saveCategory, now }),
    listCategories: listCategoriesHandler({ listCategories: store.listCategories }),
    renameCategory: renameCategoryHandler({ ...store, now }),
    archiveCategory: archiveCategoryHandler({ ...store, now }),
    setBudget: setBudgetHandler({ ...store, now }),
    removeBudget: removeBudgetHandler({ ...store, now }),
    listBudgets: listBudgetsHandler({ listBudgets: store.listBudgets }),
    setRule: setMerchantRuleHandler({ ...store, now }),
    listRules: listMerchantRulesHandler({ listMerchantRules: store.listMerchantRules }),
    removeRule: removeMerchantRuleHandler({ ...store, now }),
  };

  const call = async (
    handler: HttpHandler,
    method: string,
    path: string,
    input: ApiCall,
    pathParameters?: Record<string, string>,
  ): Promise<ApiAnswer> => {
    const event = httpEvent({
      method,
      path,
      claims: { sub: input.user, scope: SCOPES },
      requestId: randomUUID(),
      ...(input.body === undefined ? {} : { body: input.body }),
      headers: {
        ...(typeof input.body === 'string' ? { 'content-type': 'application/json' } : {}),
        ...input.headers,
      },
      ...(pathParameters ? { pathParameters } : {}),
    });
    const response = (await handler(event, lambdaContext())) as HttpResponse;
    return {
      status: response.statusCode ?? 0,
      headers: (response.headers ?? {}) as Record<string, string>,
      body: response.body ? JSON.parse(response.body) : {},
    };
  };

  return {
    createCategory: (i: ApiCall) => call(h.createCategory, 'POST', '/categories', i),
    listCategories: (i: ApiCall) => call(h.listCategories, 'GET', '/categories', i),
    renameCategory: (id: string, i: ApiCall) =>
      call(h.renameCategory, 'PATCH', `/categories/${id}`, i, { id }),
    archiveCategory: (id: string, i: ApiCall) =>
      call(h.archiveCategory, 'POST', `/categories/${id}/archive`, i, { id }),
    setBudget: (categoryId: string, i: ApiCall) =>
      call(h.setBudget, 'PUT', `/budgets/${categoryId}`, i, { categoryId }),
    removeBudget: (categoryId: string, i: ApiCall) =>
      call(h.removeBudget, 'DELETE', `/budgets/${categoryId}`, i, { categoryId }),
    listBudgets: (i: ApiCall) => call(h.listBudgets, 'GET', '/budgets', i),
    setRule: (i: ApiCall) => call(h.setRule, 'PUT', '/merchant-rules', i),
    listRules: (i: ApiCall) => call(h.listRules, 'GET', '/merchant-rules', i),
    removeRule: (id: string, i: ApiCall) => call(h.removeRule, 'DELETE', `/merchant-rules/${id}`, i, { id }),
  };
}
