import { cacheableRead, type HttpRequest, type HttpResult, httpHandler } from '@spendwise/lambda-kit/http';
import { DEFAULT_CATEGORIES } from '../../domain/category';
import { presentCategory, presentDefault } from '../../http/present';
import { withDomainErrors } from '../../http/problems';
import type { ListCategories } from '../../ports';

export interface ListCategoriesDependencies {
  listCategories: ListCategories;
}

/** GET /categories: the defaults, then the caller's own categories (archived ones flagged), with an ETag. */
export function listCategories(deps: ListCategoriesDependencies) {
  return withDomainErrors(async (request: HttpRequest): Promise<HttpResult> => {
    const own = await deps.listCategories(request.userId);
    const items = [...DEFAULT_CATEGORIES.map(presentDefault), ...own.map(presentCategory)];
    return cacheableRead({ items }, request.headers['if-none-match']);
  });
}

export const listCategoriesHandler = (deps: ListCategoriesDependencies) =>
  httpHandler(listCategories(deps), { requiredScopes: ['spendwise/catalog.read'] });
