import type { LocalCloud } from './context';

/** A template resource with every intrinsic already resolved. */
export interface ResolvedResource {
  /** The compose service (stack) it belongs to. */
  stack: string;
  /** Absolute path of the service folder (for bundles under .serverless/). */
  stackDir: string;
  logicalId: string;
  type: string;
  properties: Record<string, unknown>;
  /** Types of the resources of the same template that refer to this one (Ref, Fn::GetAtt, Fn::Sub). */
  referencedBy?: readonly string[];
}

/** What creating a resource gives the deployer: `Ref` value and `Fn::GetAtt` attributes. */
export interface CreatedResource {
  /** The value of `Ref` (as CloudFormation documents it per type: a queue's URL, a topic's ARN, a table's name…). */
  ref: string;
  /** Values of `Fn::GetAtt` (Arn, QueueName, StreamArn, ProviderURL…). */
  attributes: Record<string, unknown>;
}

/**
 * Creates the local counterpart of some CloudFormation resource types. Properties it cannot honour are
 * reported through `ctx.report` by name; nothing is silently ignored.
 */
export interface ResourceProvider {
  readonly types: readonly string[];
  /** For types several providers share (AWS::Lambda::EventSourceMapping: SQS vs DynamoDB stream). */
  accepts?(resource: ResolvedResource): boolean;
  create(resource: ResolvedResource, ctx: LocalCloud): Promise<CreatedResource>;
}
