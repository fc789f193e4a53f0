import { iamEvaluated, type LocalCloud } from '../core/context';
import { AwsApiError } from '../core/errors';
import type { ResolvedResource, ResourceProvider } from '../core/resources';
import { acceptedTypeFor } from './accepted';
import { creationOrder, referencedNames } from './dependencies';
import { DeploymentError } from './errors';
import { resolveIntrinsics } from './intrinsics';
import { placeholderResource } from './physical';
import { type StackState, stackScope } from './stackScope';
import type { DeployedResource, DeployedStack } from './template';

/** The part of a stack's deployment that the local cloud does not enforce, summarised once per stack. */
interface Permissions {
  logicalIds: string[];
  types: Set<string>;
  /** The type of each of `logicalIds`, in the same order. */
  typeOf: string[];
}

/** What the deployment of a stack runs around each resource's creation. */
export interface CreationHooks {
  /** AWS's own checks before the resource is created (e.g. Lambda's of a mapping's role); throwing fails it. */
  beforeCreate?(resource: ResolvedResource): Promise<void>;
}

/** Creates the resources of one stack in dependency order and resolves its outputs. */
export async function deployStack(
  state: StackState,
  stackDir: string,
  providers: readonly ResourceProvider[],
  ctx: LocalCloud,
  hooks: CreationHooks = {},
): Promise<DeployedStack> {
  const permissions: Permissions = { logicalIds: [], types: new Set(), typeOf: [] };
  const referrers = referrersOf(state.template.Resources);
  for (const logicalId of creationOrder(state.name, state.template.Resources)) {
    const node = state.template.Resources[logicalId]!;
    if (node.Condition !== undefined && !state.condition(node.Condition)) {
      state.skipped.set(logicalId, node.Condition);
      continue;
    }
    const properties = resolveIntrinsics(node.Properties ?? {}, stackScope(state, `resource ${logicalId}`));
    const resource: ResolvedResource = {
      stack: state.name,
      stackDir,
      logicalId,
      type: node.Type,
      properties: (properties ?? {}) as Record<string, unknown>,
      referencedBy: referrers.get(logicalId) ?? [],
    };
    const created = await createResource(resource, state, providers, ctx, permissions, hooks);
    state.resources.set(logicalId, { ...created, properties: resource.properties });
  }
  reportPermissions(state, permissions, ctx);
  return {
    name: state.name,
    stackName: state.identity.stackName,
    resources: state.resources,
    skipped: [...state.skipped.keys()],
    outputs: resolveOutputs(state),
  };
}

/** For each resource, the types of the resources that refer to it (the S3 provider leaves web buckets to the edge). */
function referrersOf(
  resources: Record<string, { Type: string; Properties?: unknown }>,
): Map<string, string[]> {
  const referrers = new Map<string, string[]>();
  for (const node of Object.values(resources)) {
    for (const name of referencedNames(node.Properties)) {
      const types = referrers.get(name) ?? [];
      if (!types.includes(node.Type)) types.push(node.Type);
      referrers.set(name, types);
    }
  }
  return referrers;
}

async function createResource(
  resource: ResolvedResource,
  state: StackState,
  providers: readonly ResourceProvider[],
  ctx: LocalCloud,
  permissions: Permissions,
  hooks: CreationHooks,
): Promise<DeployedResource> {
  // A provider of the exact type first; `Custom::*` stands for every other custom resource type.
  const exact = providers.filter((provider) => provider.types.includes(resource.type));
  const candidates =
    exact.length > 0 || !resource.type.startsWith('Custom::')
      ? exact
      : providers.filter((provider) => provider.types.includes('Custom::*'));
  const provider = candidates.find((candidate) => candidate.accepts?.(resource) ?? true);
  if (provider) {
    try {
      await hooks.beforeCreate?.(resource);
      return { ...(await provider.create(resource, ctx)), type: resource.type, handledBy: 'provider' };
    } catch (error) {
      // An AWS API's refusal reads as CloudFormation shows it: its error code, then its message.
      const message =
        error instanceof AwsApiError
          ? `${error.code}: ${error.message}`
          : error instanceof Error
            ? error.message
            : String(error);
      throw new DeploymentError(
        `stack ${state.name}: creating ${resource.logicalId} (${resource.type}) failed: ${message}`,
        {
          cause: error,
        },
      );
    }
  }
  const accepted = acceptedTypeFor(resource, state.identity);
  if (accepted) {
    if (accepted.mode === 'permissions') {
      permissions.logicalIds.push(resource.logicalId);
      permissions.types.add(resource.type);
      permissions.typeOf.push(resource.type);
    }
    if (accepted.mode === 'report') report(ctx, resource, accepted.reason);
    return { ...accepted.create(resource, state.identity), type: resource.type, handledBy: 'accepted' };
  }
  const reason =
    candidates.length > 0
      ? 'no local engine accepts this configuration of the type'
      : 'resource type not implemented locally';
  report(ctx, resource, reason);
  return { ...placeholderResource(resource, state.identity), type: resource.type, handledBy: 'unsupported' };
}

function report(ctx: LocalCloud, resource: ResolvedResource, reason: string): void {
  ctx.report({
    stack: resource.stack,
    logicalId: resource.logicalId,
    type: resource.type,
    property: '*',
    reason,
  });
}

/** Permission types the local IAM reads (iam/policies.ts); the others grant or allow nothing locally. */
const EVALUATED_PERMISSIONS = new Set([
  'AWS::IAM::Role',
  'AWS::IAM::Policy',
  'AWS::IAM::ManagedPolicy',
  'AWS::Lambda::Permission',
  'AWS::SQS::QueuePolicy',
  'AWS::SNS::TopicPolicy',
  'AWS::Events::EventBusPolicy',
  'AWS::Logs::ResourcePolicy',
]);

function reportPermissions(state: StackState, permissions: Permissions, ctx: LocalCloud): void {
  if (permissions.logicalIds.length === 0) return;
  if (iamEvaluated(ctx)) {
    // IAM is evaluated: only what it does not read is reported, by name.
    for (const [index, logicalId] of permissions.logicalIds.entries()) {
      const type = permissions.typeOf[index];
      if (!type || EVALUATED_PERMISSIONS.has(type)) continue;
      ctx.report({
        stack: state.name,
        logicalId,
        type,
        property: '*',
        reason: `the local IAM does not read ${type}: it grants or allows nothing locally (the calls it governs are not checked)`,
      });
    }
    return;
  }
  ctx.report({
    stack: state.name,
    logicalId: permissions.logicalIds.join(', '),
    type: [...permissions.types].join(', '),
    property: '*',
    reason: `IAM is not enforced locally: these ${permissions.logicalIds.length} roles, policies and resource policies are accepted and every call is allowed`,
  });
}

function resolveOutputs(state: StackState): Record<string, unknown> {
  const outputs: Record<string, unknown> = {};
  for (const [key, output] of Object.entries(state.template.Outputs ?? {})) {
    if (output.Condition !== undefined && !state.condition(output.Condition)) continue;
    const scope = stackScope(state, `output ${key}`);
    outputs[key] = resolveIntrinsics(output.Value, scope);
    if (output.Export?.Name === undefined) continue;
    const exportName = String(resolveIntrinsics(output.Export.Name, scope));
    if (state.exports.has(exportName)) {
      throw new DeploymentError(
        `stack ${state.name}: output ${key} exports ${exportName}, which another output already exports`,
      );
    }
    state.exports.set(exportName, outputs[key]);
  }
  return outputs;
}
