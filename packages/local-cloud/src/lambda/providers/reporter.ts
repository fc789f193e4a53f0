import type { LocalCloud } from '../../core/context';
import { resourceReporter } from '../../core/report';
import type { ResolvedResource } from '../../core/resources';

/** Reports what a resource cannot honour, at most once per key (e.g. once per stack for stack-wide facts). */
export class Reporter {
  private readonly seen = new Set<string>();

  report(
    ctx: LocalCloud,
    resource: ResolvedResource,
    property: string,
    reason: string,
    onceKey?: string,
  ): void {
    if (onceKey !== undefined) {
      if (this.seen.has(onceKey)) return;
      this.seen.add(onceKey);
    }
    resourceReporter(ctx, resource)(property, reason);
  }
}
