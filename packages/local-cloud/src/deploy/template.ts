import type { CreatedResource } from '../core/resources';

/** One resource of a CloudFormation template. */
export interface TemplateResource {
  Type: string;
  Properties?: Record<string, unknown>;
  DependsOn?: string | string[];
  Condition?: string;
  [attribute: string]: unknown;
}

/** The sections of a CloudFormation template the local deployer reads. */
export interface Template {
  Parameters?: Record<string, { Type?: string; Default?: unknown; [key: string]: unknown }>;
  Mappings?: Record<string, Record<string, Record<string, unknown>>>;
  Conditions?: Record<string, unknown>;
  Resources: Record<string, TemplateResource>;
  Outputs?: Record<
    string,
    { Value?: unknown; Condition?: string; Export?: { Name?: unknown }; [key: string]: unknown }
  >;
  Transform?: unknown;
  [section: string]: unknown;
}

/** A stack to deploy: a compose service and its packaged template. */
export interface StackInput {
  /** Compose service name (`platform`, `expenses`). */
  name: string;
  /** Absolute service folder (bundles live under `<dir>/.serverless/`). */
  dir: string;
  template: Template;
  /** CloudFormation stack name; `spendwise-<name>-<stage>` (osls's `<service>-<stage>`) when omitted. */
  stackName?: string;
  /** Values for template Parameters; the Default is used for the others. */
  parameters?: Record<string, string>;
}

/** How a resource came to exist locally. */
export type Handling = 'provider' | 'accepted' | 'unsupported';

/** A resource after deployment: what Ref/GetAtt give, its type, and how it was handled. */
export interface DeployedResource extends CreatedResource {
  type: string;
  handledBy: Handling;
  /** Its properties with every intrinsic resolved (what IAM's policies and principals are read from). */
  properties?: Record<string, unknown>;
}

export interface DeployedStack {
  name: string;
  stackName: string;
  /** Every resource whose Condition held, by logical id, in creation order. */
  resources: Map<string, DeployedResource>;
  /** Logical ids skipped because their Condition is false. */
  skipped: string[];
  outputs: Record<string, unknown>;
}
