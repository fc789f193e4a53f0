import type { LocalCloud } from '../core/context';
import type { Unsupported } from '../core/errors';
import type { ResourceProvider } from '../core/resources';
import { deployStack } from './deployStack';
import { DeploymentError } from './errors';
import { parameterValues } from './parameters';
import { newStackState } from './stackScope';
import type { DeployedStack, StackInput } from './template';

export interface DeploymentResult {
  stacks: DeployedStack[];
  /** Everything reported during this deployment (also passed on to `ctx.report`). */
  unsupported: Unsupported[];
}

/**
 * Deploys packaged CloudFormation stacks, in the given order, onto whatever local engines `providers`
 * stand for: parameters, conditions, resources in dependency order (skipping those whose condition is false),
 * outputs and exports (for Fn::ImportValue in later stacks). Types without a provider are either accepted
 * (see ACCEPTED_TYPES) or reported by name.
 *
 * @example const { stacks } = await deployStacks(await loadComposeStacks(root, 'dev', 'eu-west-1'), providers, ctx);
 * @throws DeploymentError when a stack cannot be deployed, naming the stack, resource and property
 */
export async function deployStacks(
  stacks: readonly StackInput[],
  providers: readonly ResourceProvider[],
  ctx: LocalCloud,
  options: { secrets?: (reference: string) => string | undefined } = {},
): Promise<DeploymentResult> {
  const unsupported: Unsupported[] = [];
  const tracked = trackingReports(ctx, unsupported);
  const exports = new Map<string, unknown>();
  const deployed: DeployedStack[] = [];
  for (const stack of stacks) {
    if (stack.template.Transform !== undefined) {
      throw new DeploymentError(
        `stack ${stack.name}: uses Transform ${JSON.stringify(stack.template.Transform)}, which the local cloud cannot expand`,
      );
    }
    const stackName = stack.stackName ?? `spendwise-${stack.name}-${ctx.config.stage}`;
    const count = Object.keys(stack.template.Resources).length;
    ctx.log(`deploying ${stack.name} (${stackName}): ${count} resources …`);
    const state = newStackState({
      name: stack.name,
      identity: { stackName, region: ctx.config.region, accountId: ctx.config.accountId },
      template: stack.template,
      parameters: parameterValues(stack, ctx.ssm),
      exports,
      ssm: ctx.ssm,
      ...(options.secrets ? { secrets: options.secrets } : {}),
    });
    const result = await deployStack(state, stack.dir, providers, tracked);
    ctx.log(summary(result));
    deployed.push(result);
  }
  return { stacks: deployed, unsupported };
}

/**
 * The context providers get: the same live ports (read through to `ctx` at call time, so engines wired later
 * are seen), with reports also collected for the result.
 */
function trackingReports(ctx: LocalCloud, sink: Unsupported[]): LocalCloud {
  const report = (item: Unsupported) => {
    sink.push(item);
    ctx.report(item);
  };
  return new Proxy(ctx, {
    get(target, property) {
      if (property === 'report') return report;
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

function summary(stack: DeployedStack): string {
  const counts = { provider: 0, accepted: 0, unsupported: 0 };
  for (const resource of stack.resources.values()) counts[resource.handledBy] += 1;
  const skipped = stack.skipped.length > 0 ? `, ${stack.skipped.length} skipped by condition` : '';
  return `deployed ${stack.name}: ${counts.provider} created, ${counts.accepted} accepted without a local counterpart, ${counts.unsupported} not implemented${skipped}`;
}
