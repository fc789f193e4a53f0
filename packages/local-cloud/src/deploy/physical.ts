import type { CreatedResource, ResolvedResource } from '../core/resources';
import { partitionOf, type StackIdentity, stableHash } from './pseudo';

/** `AWS::SQS::Queue` → `Queue`. */
const typeSuffix = (type: string) => type.split('::').pop() ?? type;

/**
 * The physical name CloudFormation would give a resource without an explicit name
 * (`<stack>-<LogicalId>-<SUFFIX>`), stable across runs so persistent local data keeps matching.
 */
export function generatedName(identity: StackIdentity, logicalId: string, maxLength = 64): string {
  const suffix = stableHash(identity.stackName, logicalId).slice(0, 12).toUpperCase();
  const head = `${identity.stackName}-${logicalId}`.slice(0, Math.max(1, maxLength - suffix.length - 1));
  return `${head}-${suffix}`;
}

/** The explicit name a resource gives itself (`QueueName`, `RoleName`, `Name`, …), if any. */
export function explicitName(resource: ResolvedResource): string | undefined {
  const suffix = typeSuffix(resource.type);
  for (const key of [`${suffix}Name`, 'Name']) {
    const value = resource.properties[key];
    if (typeof value === 'string' && value.length > 0) return value;
  }
  return undefined;
}

/**
 * A plausible Ref and Arn for a resource no local engine creates (reported as such), so that the template's
 * other resources can still refer to it.
 */
export function placeholderResource(resource: ResolvedResource, identity: StackIdentity): CreatedResource {
  const name = explicitName(resource) ?? generatedName(identity, resource.logicalId);
  const service = (resource.type.split('::')[1] ?? 'unknown').toLowerCase();
  const arn = `arn:${partitionOf(identity.region)}:${service}:${identity.region}:${identity.accountId}:${typeSuffix(resource.type).toLowerCase()}/${name}`;
  return { ref: name, attributes: { Arn: arn } };
}
