import type { LocalCloud } from './context';
import type { ResolvedResource } from './resources';

/** Reports something about one template resource that the local cloud cannot honour. */
export type ResourceReport = (property: string, reason: string) => void;

/**
 * A reporter bound to one resource, so providers name only the property and the reason.
 *
 * @example const report = resourceReporter(ctx, resource); report('FifoQueue', 'runs as a standard queue');
 */
export function resourceReporter(
  ctx: Pick<LocalCloud, 'report'>,
  resource: ResolvedResource,
): ResourceReport {
  return (property, reason) =>
    ctx.report({
      stack: resource.stack,
      logicalId: resource.logicalId,
      type: resource.type,
      property,
      reason,
    });
}

/**
 * Reports, in one item, every property of `resource` that is neither honoured nor known to have no effect
 * locally, so nothing in a template is dropped without a word.
 *
 * @example reportUnhonoured(ctx, resource, ['UserPoolName'], 'sign-in is not emulated');
 */
export function reportUnhonoured(
  ctx: Pick<LocalCloud, 'report'>,
  resource: ResolvedResource,
  handled: readonly string[],
  reason: string,
): void {
  const rest = Object.keys(resource.properties).filter((name) => !handled.includes(name));
  if (rest.length > 0) resourceReporter(ctx, resource)(rest.join(', '), reason);
}
