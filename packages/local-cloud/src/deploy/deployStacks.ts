import type { LocalCloud } from '../core/context';
import type { Unsupported } from '../core/errors';
import type { ResolvedResource, ResourceProvider } from '../core/resources';
import { deployStack } from './deployStack';
import { DeploymentError } from './errors';
import { parameterValues } from './parameters';
import { newStackState, type StackState } from './stackScope';
import type { DeployedStack, StackInput } from './template';

export interface DeploymentOptions {
  /**
   * Called before a provider creates a resource, with the stacks as deployed so far (this stack's resources
   * created before it included): the checks AWS makes when CloudFormation creates the resource, such as Lambda's
   * check of an event source mapping's role. Throwing fails the resource and its stack, as on AWS.
   */
  beforeCreate?(resource: ResolvedResource, deployed: readonly DeployedStack[]): Promise<void>;
}

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
  options: DeploymentOptions = {},
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
      ...(ctx.secrets ? { secrets: ctx.secrets } : {}),
    });
    const { beforeCreate } = options;
    const result = await deployStack(state, stack.dir, providers, tracked, {
      ...(beforeCreate
        ? { beforeCreate: (resource) => beforeCreate(resource, [...deployed, deployedSoFar(state)]) }
        : {}),
    });
    ctx.log(summary(result));
    deployed.push(result);
  }
  return { stacks: deployed, unsupported };
}

/** A stack being deployed, as far as it got. */
function deployedSoFar(state: StackState): DeployedStack {
  return {
    name: state.name,
    stackName: state.identity.stackName,
    resources: state.resources,
    skipped: [...state.skipped.keys()],
    outputs: {},
  };
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
