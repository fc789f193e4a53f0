import { createHash } from 'node:crypto';
import { NO_VALUE } from './scope';

/** Which stack, where: what the pseudo parameters are made of. */
export interface StackIdentity {
  /** The CloudFormation stack name osls deploys to (`spendwise-<service>-<stage>`). */
  stackName: string;
  region: string;
  accountId: string;
}

/** `aws`, `aws-cn` or `aws-us-gov`, from the region. */
export function partitionOf(region: string): string {
  if (region.startsWith('cn-')) return 'aws-cn';
  if (region.startsWith('us-gov-')) return 'aws-us-gov';
  return 'aws';
}

/** A stable digest of some names, for generated ids and physical names that survive restarts. */
export function stableHash(...parts: string[]): string {
  return createHash('sha256').update(parts.join('\u0000')).digest('hex');
}

/** A fake but well-formed stack ARN, the same on every run for the same stack. */
export function stackIdOf(identity: StackIdentity): string {
  const hex = stableHash('stack', identity.stackName, identity.region);
  const uuid = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
  const partition = partitionOf(identity.region);
  return `arn:${partition}:cloudformation:${identity.region}:${identity.accountId}:stack/${identity.stackName}/${uuid}`;
}

/** The value of a pseudo parameter (`AWS::Region`, …), or undefined when `name` is not one. */
export function pseudoParameter(name: string, identity: StackIdentity): unknown {
  switch (name) {
    case 'AWS::AccountId':
      return identity.accountId;
    case 'AWS::Region':
      return identity.region;
    case 'AWS::Partition':
      return partitionOf(identity.region);
    case 'AWS::StackName':
      return identity.stackName;
    case 'AWS::StackId':
      return stackIdOf(identity);
    case 'AWS::URLSuffix':
      return identity.region.startsWith('cn-') ? 'amazonaws.com.cn' : 'amazonaws.com';
    case 'AWS::NotificationARNs':
      return [];
    case 'AWS::NoValue':
      return NO_VALUE;
    default:
      return undefined;
  }
}
