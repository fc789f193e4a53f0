/**
 * The policies of a deployment, read from the deployed stacks' resources (properties with every intrinsic
 * resolved): per IAM role its identity policies, per resource its resource policy, which role each function,
 * state machine, schedule and rule target acts as, and the facts the resource resolver needs (tables' partition
 * keys, secrets' ARNs).
 */
import type { DeployedStack } from '../deploy/template';
import { AWS_MANAGED_POLICIES } from './managedPolicies';
import { functionArn, partitionOf, queueArn, type ResourceFacts } from './resources';
import { list, record, str } from './values';

export type PolicyDocument = { Version?: string; Statement: Statement[] | Statement; [key: string]: unknown };
export type Statement = Record<string, unknown>;

/** A policy with where it came from (`<stack>/<logicalId>`, the policy's name, or the AWS managed policy's ARN). */
export interface NamedPolicy {
  name: string;
  document: PolicyDocument;
}

export interface RoleInfo {
  arn: string;
  stack: string;
  logicalId: string;
  policies: NamedPolicy[];
}

/** Something in the stacks the policy set could not account for (e.g. an AWS managed policy not vendored). */
export interface PolicyGap {
  stack: string;
  logicalId: string;
  reason: string;
}

export interface PolicySet {
  /** IAM roles by ARN. */
  roles: Map<string, RoleInfo>;
  /**
   * Resource policies by the ARN they protect (queue, topic, function, bus, bucket, secret, key, table); the
   * account's CloudWatch Logs resource policies under `logsPolicyKey` (they protect every log group).
   */
  resourcePolicies: Map<string, NamedPolicy[]>;
  /** Function ARN → the role ARN its code runs as. */
  functionRoles: Map<string, string>;
  /** Function name → function ARN. */
  functionArns: Map<string, string>;
  /** State machine ARN → its role ARN. */
  stateMachineRoles: Map<string, string>;
  /** Schedule ARN → its target's role ARN. */
  scheduleRoles: Map<string, string>;
  /** `<rule ARN> <target ARN>` → the target's role ARN (targets that need one: Step Functions, other buses). */
  ruleTargetRoles: Map<string, string>;
  facts: Required<ResourceFacts>;
  gaps: PolicyGap[];
}

const documentOf = (value: unknown): PolicyDocument | undefined => {
  const document = typeof value === 'string' ? safeJson(value) : record(value);
  return document.Statement === undefined ? undefined : (document as PolicyDocument);
};
const safeJson = (text: string): Record<string, unknown> => {
  try {
    return record(JSON.parse(text));
  } catch {
    return {};
  }
};
export const statementsOf = (document: PolicyDocument): Statement[] => list(document.Statement).map(record);

interface Entry {
  stack: string;
  logicalId: string;
  resource: DeployedStack['resources'] extends Map<string, infer R> ? R : never;
  props: Record<string, unknown>;
}

/** What the readers of one deployment share while they read it. */
interface Reading {
  set: PolicySet;
  where: { region: string; accountId: string };
  partitionKeys: Map<string, string>;
  secretArns: Map<string, string>;
  roleArnsByName: Map<string, string>;
  managedPolicies: Map<string, NamedPolicy>;
  /** Customer managed policies and AWS::IAM::Policy resources, attached once every role is known. */
  attachments: { stack: string; logicalId: string; roles: string[]; policy: NamedPolicy }[];
}

/**
 * Reads the policies of deployed stacks.
 *
 * @example const policies = collectPolicies((await deployStacks(stacks, providers, ctx)).stacks, ctx.config);
 */
export function collectPolicies(
  stacks: readonly DeployedStack[],
  where: { region: string; accountId: string },
): PolicySet {
  const reading: Reading = {
    set: {
      roles: new Map(),
      resourcePolicies: new Map(),
      functionRoles: new Map(),
      functionArns: new Map(),
      stateMachineRoles: new Map(),
      scheduleRoles: new Map(),
      ruleTargetRoles: new Map(),
      facts: { partitionKeyOf: () => undefined, secretArnOf: () => undefined },
      gaps: [],
    },
    where,
    partitionKeys: new Map(),
    secretArns: new Map(),
    roleArnsByName: new Map(),
    managedPolicies: new Map(),
    attachments: [],
  };
  const entries: Entry[] = stacks.flatMap((stack) =>
    [...stack.resources].map(([logicalId, resource]) => ({
      stack: stack.name,
      logicalId,
      resource,
      props: resource.properties ?? {},
    })),
  );
  // Roles and policies first: attachments refer to roles by name and to managed policies by ARN.
  for (const entry of entries) IDENTITY_READERS[entry.resource.type]?.(entry, reading);
  for (const entry of entries) if (entry.resource.type === 'AWS::IAM::Role') attachManaged(entry, reading);
  attachPolicies(reading);
  for (const entry of entries) RESOURCE_READERS[entry.resource.type]?.(entry, reading);
  const { set, partitionKeys, secretArns } = reading;
  for (const [, policies] of set.resourcePolicies) policies.sort((a, b) => a.name.localeCompare(b.name));
  set.facts = {
    partitionKeyOf: (table) => partitionKeys.get(table),
    secretArnOf: (id) => secretArns.get(id),
  };
  return set;
}

type Reader = (entry: Entry, reading: Reading) => void;

const IDENTITY_READERS: Record<string, Reader> = {
  'AWS::IAM::Role': ({ stack, logicalId, resource, props }, { set, roleArnsByName }) => {
    const arn = String(resource.attributes.Arn);
    roleArnsByName.set(resource.ref, arn);
    const policies = list(props.Policies)
      .map(record)
      .flatMap((policy) => {
        const document = documentOf(policy.PolicyDocument);
        const name = `${stack}/${logicalId}/${str(policy.PolicyName) ?? 'inline'}`;
        return document ? [{ name, document }] : [];
      });
    set.roles.set(arn, { arn, stack, logicalId, policies });
  },
  'AWS::IAM::ManagedPolicy': ({ stack, logicalId, resource, props }, { managedPolicies, attachments }) => {
    const document = documentOf(props.PolicyDocument);
    if (!document) return;
    const policy = { name: `${stack}/${logicalId}`, document };
    managedPolicies.set(resource.ref, policy);
    attachments.push({ stack, logicalId, roles: list(props.Roles).map(String), policy });
  },
  'AWS::IAM::Policy': ({ stack, logicalId, props }, { attachments }) => {
    const document = documentOf(props.PolicyDocument);
    if (!document) return;
    const name = `${stack}/${logicalId}/${str(props.PolicyName) ?? 'policy'}`;
    attachments.push({ stack, logicalId, roles: list(props.Roles).map(String), policy: { name, document } });
  },
};

/** A role's `ManagedPolicyArns`: the stacks' customer managed policies, or the vendored AWS managed ones. */
function attachManaged(
  { stack, logicalId, resource, props }: Entry,
  { set, managedPolicies }: Reading,
): void {
  const role = set.roles.get(String(resource.attributes.Arn))!;
  for (const arn of list(props.ManagedPolicyArns).map(String)) {
    const policy = managedPolicies.get(arn) ?? awsManaged(arn);
    if (policy) role.policies.push(policy);
    else
      set.gaps.push({
        stack,
        logicalId,
        reason: `managed policy ${arn} is not known locally: it grants nothing here`,
      });
  }
}

/** Policies attached through their own `Roles` (role names, as `Ref` gives them). */
function attachPolicies({ set, attachments, roleArnsByName }: Reading): void {
  for (const { stack, logicalId, roles, policy } of attachments) {
    for (const name of roles) {
      const arn = roleArnsByName.get(name) ?? (name.startsWith('arn:') ? name : undefined);
      const role = arn ? set.roles.get(arn) : undefined;
      if (role) role.policies.push(policy);
      else set.gaps.push({ stack, logicalId, reason: `attached to role ${name}, which no stack defines` });
    }
  }
}

function addResourcePolicy(set: PolicySet, arn: string, policy: NamedPolicy): void {
  const existing = set.resourcePolicies.get(arn) ?? [];
  existing.push(policy);
  set.resourcePolicies.set(arn, existing);
}

/** A resource policy read from one property, protecting the ARNs `targets` gives. */
const policyReader =
  (property: string, targets: (entry: Entry, reading: Reading) => string[]): Reader =>
  (entry, reading) => {
    const document = documentOf(entry.props[property]);
    if (!document) return;
    for (const arn of targets(entry, reading))
      addResourcePolicy(reading.set, arn, { name: `${entry.stack}/${entry.logicalId}`, document });
  };

/**
 * Where the CloudWatch Logs resource policies of an account and region are kept: they belong to the account, not
 * to a log group (PutResourcePolicy, at most 10 per region), and each statement's Resource names the log groups it
 * opens. Every request on a log group or log stream is evaluated against all of them.
 */
export const logsPolicyKey = (where: { region: string; accountId: string }) =>
  `arn:${partitionOf(where.region)}:logs:${where.region}:${where.accountId}:*`;

const RESOURCE_READERS: Record<string, Reader> = {
  'AWS::Lambda::Function': ({ resource, props }, { set }) => {
    const arn = String(resource.attributes.Arn);
    set.functionArns.set(resource.ref, arn);
    if (str(props.Role)) set.functionRoles.set(arn, String(props.Role));
  },
  'AWS::StepFunctions::StateMachine': ({ resource, props }, { set }) => {
    if (str(props.RoleArn)) set.stateMachineRoles.set(resource.ref, String(props.RoleArn));
  },
  'AWS::Scheduler::Schedule': ({ resource, props }, { set }) => {
    const role = str(record(props.Target).RoleArn);
    if (role) set.scheduleRoles.set(String(resource.attributes.Arn), role);
  },
  'AWS::Events::Rule': ({ resource, props }, { set }) => {
    for (const target of list(props.Targets).map(record)) {
      const role = str(target.RoleArn);
      if (role) set.ruleTargetRoles.set(`${resource.attributes.Arn} ${target.Arn}`, role);
    }
  },
  'AWS::DynamoDB::Table': (entry, reading) => {
    const { resource, props } = entry;
    const hash = list(props.KeySchema)
      .map(record)
      .find((key) => key.KeyType === 'HASH');
    if (str(hash?.AttributeName)) reading.partitionKeys.set(resource.ref, String(hash!.AttributeName));
    const document = documentOf(record(props.ResourcePolicy).PolicyDocument);
    if (document)
      addResourcePolicy(reading.set, String(resource.attributes.Arn), {
        name: `${entry.stack}/${entry.logicalId}`,
        document,
      });
  },
  'AWS::SecretsManager::Secret': ({ resource, props }, { secretArns }) => {
    secretArns.set(str(props.Name) ?? resource.ref, resource.ref);
  },
  'AWS::SQS::QueuePolicy': policyReader('PolicyDocument', ({ props }, { where }) =>
    list(props.Queues).map((queue) => queueArn(where, String(queue))),
  ),
  'AWS::SNS::TopicPolicy': policyReader('PolicyDocument', ({ props }) => list(props.Topics).map(String)),
  'AWS::S3::BucketPolicy': policyReader('PolicyDocument', ({ props }) => [
    `arn:aws:s3:::${String(props.Bucket)}`,
  ]),
  'AWS::SecretsManager::ResourcePolicy': policyReader('ResourcePolicy', ({ props }) => [
    String(props.SecretId),
  ]),
  'AWS::KMS::Key': policyReader('KeyPolicy', ({ resource }) => [String(resource.attributes.Arn)]),
  // PolicyDocument is a JSON string (or, in newer templates, an object).
  'AWS::Logs::ResourcePolicy': policyReader('PolicyDocument', (_entry, { where }) => [logsPolicyKey(where)]),
  'AWS::Lambda::Permission': ({ stack, logicalId, props }, { set, where }) => {
    const arn = functionArn(where, String(props.FunctionName));
    addResourcePolicy(set, arn, {
      name: `${stack}/${logicalId}`,
      document: lambdaPermissionPolicy(logicalId, arn, props),
    });
  },
  'AWS::Events::EventBusPolicy': ({ stack, logicalId, props }, { set, where }) => {
    const bus = String(props.EventBusName ?? 'default');
    const arn = bus.startsWith('arn:')
      ? bus
      : `arn:aws:events:${where.region}:${where.accountId}:event-bus/${bus}`;
    const statement = props.Statement
      ? record(props.Statement)
      : {
          Sid: props.StatementId,
          Effect: 'Allow',
          Principal: { AWS: props.Principal },
          Action: props.Action,
          Resource: arn,
          ...(props.Condition ? { Condition: props.Condition } : {}),
        };
    addResourcePolicy(set, arn, {
      name: `${stack}/${logicalId}`,
      document: { Version: '2012-10-17', Statement: [statement] },
    });
  },
};

/** The policy statement Lambda writes for an `AWS::Lambda::Permission` (as GetPolicy shows it). */
function lambdaPermissionPolicy(
  sid: string,
  resource: string,
  props: Record<string, unknown>,
): PolicyDocument {
  const principal = String(props.Principal ?? '');
  const condition: Record<string, Record<string, string>> = {};
  if (str(props.SourceArn)) condition.ArnLike = { 'AWS:SourceArn': String(props.SourceArn) };
  if (str(props.SourceAccount)) condition.StringEquals = { 'AWS:SourceAccount': String(props.SourceAccount) };
  if (str(props.PrincipalOrgID))
    condition.StringEquals = {
      ...condition.StringEquals,
      'aws:PrincipalOrgID': String(props.PrincipalOrgID),
    };
  return {
    Version: '2012-10-17',
    Statement: [
      {
        Sid: sid,
        Effect: 'Allow',
        Principal: principal.endsWith('.amazonaws.com')
          ? { Service: principal }
          : principal === '*'
            ? '*'
            : { AWS: principal },
        Action: props.Action,
        Resource: resource,
        ...(Object.keys(condition).length > 0 ? { Condition: condition } : {}),
      },
    ],
  };
}

function awsManaged(arn: string): NamedPolicy | undefined {
  const name = arn.replace(/^arn:[^:]+:iam::aws:policy\//, '');
  const document = AWS_MANAGED_POLICIES[name];
  return document ? { name: arn, document } : undefined;
}

/**
 * The resource policy that protects a resource: the resource's own, or its parent's (a bucket's for its
 * objects, a function's for its versions and aliases, a table's for its indexes and streams), or for a log group
 * or log stream the account's CloudWatch Logs resource policies.
 */
export function resourcePolicyFor(set: PolicySet, resource: string): NamedPolicy[] {
  const exact = set.resourcePolicies.get(resource);
  if (exact) return exact;
  const [, partition, service, region, account] = resource.split(':');
  if (service === 'logs')
    return set.resourcePolicies.get(`arn:${partition}:logs:${region}:${account}:*`) ?? [];
  const parent = resource.startsWith('arn:aws:s3:::')
    ? resource.split('/')[0]!
    : resource.includes(':function:')
      ? resource.split(':').slice(0, 7).join(':')
      : resource.includes(':table/')
        ? resource.split('/').slice(0, 2).join('/')
        : undefined;
  return (parent && set.resourcePolicies.get(parent)) || [];
}
