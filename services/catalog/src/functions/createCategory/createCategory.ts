import { CategoryCreated, createEvent } from '@spendwise/contracts';
import { type HttpRequest, type HttpResult, httpHandler } from '@spendwise/lambda-kit/http';
import { categorySnapshot, createCategory as newCategory } from '../../domain/category';
import type { CreateCategoryRequest } from '../../generated/http';
import { validateCreateCategoryRequest } from '../../generated/httpValidators';
import { eventContext } from '../../http/eventContext';
import { versionTag } from '../../http/preconditions';
import { presentCategory } from '../../http/present';
import { withDomainErrors } from '../../http/problems';
import type { Clock, SaveCategory } from '../../ports';

export interface CreateCategoryDependencies {
  saveCategory: SaveCategory;
  now: Clock;
}

/** POST /categories: creates an own category (id derived from the name, 409 when taken) and CategoryCreated. */
export function createCategory(deps: CreateCategoryDependencies) {
  return withDomainErrors(async (request: HttpRequest<CreateCategoryRequest>): Promise<HttpResult> => {
    const category = newCategory(request.body.name, { userId: request.userId, now: deps.now() });
    const event = createEvent(
      CategoryCreated,
      { category: categorySnapshot(category) },
      eventContext(request),
    );
    await deps.saveCategory(category, 0, event);
    return {
      statusCode: 201,
      body: presentCategory(category),
      headers: { etag: versionTag(category), location: `/categories/${category.categoryId}` },
    };
  });
}

export const createCategoryHandler = (deps: CreateCategoryDependencies) =>
  httpHandler(createCategory(deps), {
    body: validateCreateCategoryRequest,
    requiredScopes: ['spendwise/catalog.write'],
  });
