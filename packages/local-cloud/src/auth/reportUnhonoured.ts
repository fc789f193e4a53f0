import type { LocalCloud } from '../core/context';
import type { ResolvedResource } from '../core/resources';

/**
 * Reports, in one `Unsupported` item, every property of `resource` that is neither honoured nor known to have
 * no effect locally, so nothing in a template is dropped without a word.
 *
 * @example reportUnhonoured(ctx, resource, ['UserPoolName'], 'sign-in is not emulated');
 */
export function reportUnhonoured(
  ctx: LocalCloud,
  resource: ResolvedResource,
  handled: readonly string[],
  reason: string,
): void {
  const rest = Object.keys(resource.properties).filter((name) => !handled.includes(name));
  if (rest.length === 0) return;
  ctx.report({
    stack: resource.stack,
    logicalId: resource.logicalId,
    type: resource.type,
    property: rest.join(', '),
    reason,
  });
}
