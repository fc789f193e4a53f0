import { CategoryUpdated, createEvent } from '@spendwise/contracts';
import { type HttpRequest, type HttpResult, httpHandler } from '@spendwise/lambda-kit/http';
import { assertChangeable, categorySnapshot, renameCategory as rename } from '../../domain/category';
import { CategoryNotFoundError } from '../../domain/errors';
import type { CategoryIdPath, RenameCategoryRequest } from '../../generated/http';
import { validateCategoryIdPath, validateRenameCategoryRequest } from '../../generated/httpValidators';
import { eventContext } from '../../http/eventContext';
import { assertCurrentVersion, requiredVersion, versionTag } from '../../http/preconditions';
import { presentCategory } from '../../http/present';
import { withDomainErrors } from '../../http/problems';
import type { Clock, FindCategory, SaveCategory } from '../../ports';

export interface RenameCategoryDependencies {
  findCategory: FindCategory;
  saveCategory: SaveCategory;
  now: Clock;
}

/** PATCH /categories/{id} with If-Match: renames an own category (412 when stale) and publishes CategoryUpdated. */
export function renameCategory(deps: RenameCategoryDependencies) {
  return withDomainErrors(
    async (request: HttpRequest<RenameCategoryRequest, unknown, CategoryIdPath>): Promise<HttpResult> => {
      const expected = requiredVersion(request.headers['if-match']);
      assertChangeable(request.path.id);
      const current = await deps.findCategory(request.userId, request.path.id);
      if (!current) throw new CategoryNotFoundError(request.path.id);
      assertCurrentVersion(expected, current.version);

      const next = rename(current, request.body.name, deps.now());
      if (next !== current) {
        const event = createEvent(
          CategoryUpdated,
          {
            categoryId: next.categoryId,
            version: next.version,
            changedFields: ['name'],
            previous: categorySnapshot(current),
            current: categorySnapshot(next),
          },
          eventContext(request),
        );
        await deps.saveCategory(next, expected, event);
      }
      return { statusCode: 200, body: presentCategory(next), headers: { etag: versionTag(next) } };
    },
  );
}

export const renameCategoryHandler = (deps: RenameCategoryDependencies) =>
  httpHandler(renameCategory(deps), {
    body: validateRenameCategoryRequest,
    path: validateCategoryIdPath,
    requiredScopes: ['spendwise/catalog.write'],
  });
