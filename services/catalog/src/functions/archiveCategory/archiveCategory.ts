import { CategoryArchived, createEvent } from '@spendwise/contracts';
import { type HttpRequest, type HttpResult, httpHandler } from '@spendwise/lambda-kit/http';
import { archiveCategory as archive, assertChangeable, categorySnapshot } from '../../domain/category';
import { CategoryNotFoundError } from '../../domain/errors';
import type { CategoryIdPath } from '../../generated/http';
import { validateCategoryIdPath } from '../../generated/httpValidators';
import { eventContext } from '../../http/eventContext';
import { assertCurrentVersion, expectedVersion, versionTag } from '../../http/preconditions';
import { presentCategory } from '../../http/present';
import { withDomainErrors } from '../../http/problems';
import type { Clock, FindCategory, SaveCategory } from '../../ports';

export interface ArchiveCategoryDependencies {
  findCategory: FindCategory;
  saveCategory: SaveCategory;
  now: Clock;
}

/** POST /categories/{id}/archive (optional If-Match): archives an own category and publishes CategoryArchived. */
export function archiveCategory(deps: ArchiveCategoryDependencies) {
  return withDomainErrors(
    async (request: HttpRequest<unknown, unknown, CategoryIdPath>): Promise<HttpResult> => {
      const expected = expectedVersion(request.headers['if-match']);
      assertChangeable(request.path.id);
      const current = await deps.findCategory(request.userId, request.path.id);
      if (!current) throw new CategoryNotFoundError(request.path.id);
      assertCurrentVersion(expected, current.version);

      const next = archive(current, deps.now());
      const event = createEvent(
        CategoryArchived,
        { categoryId: next.categoryId, version: next.version, category: categorySnapshot(next) },
        eventContext(request),
      );
      await deps.saveCategory(next, current.version, event);
      return { statusCode: 200, body: presentCategory(next), headers: { etag: versionTag(next) } };
    },
  );
}

export const archiveCategoryHandler = (deps: ArchiveCategoryDependencies) =>
  httpHandler(archiveCategory(deps), {
    path: validateCategoryIdPath,
    requiredScopes: ['spendwise/catalog.write'],
  });
