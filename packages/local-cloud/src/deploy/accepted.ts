import type { CreatedResource, ResolvedResource } from '../core/resources';
import { explicitName, generatedName, placeholderResource } from './physical';
import { partitionOf, type StackIdentity, stableHash } from './pseudo';

/**
 * How a type accepted without a local engine is told to the person running the local cloud:
 * `silent` (it changes nothing locally), `permissions` (folded into ONE "IAM is not enforced" report per
 * stack) or `report` (one report per resource, with `reason`).
 */
export type AcceptMode = 'silent' | 'permissions' | 'report';

export interface AcceptedType {
  mode: AcceptMode;
  /** Why nothing is needed locally (documentation, and the report's reason in `report` mode). */
  reason: string;
  /** Narrows the acceptance (e.g. only osls's own deployment bucket). */
  matches?(resource: ResolvedResource, identity: StackIdentity): boolean;
  create(resource: ResolvedResource, identity: StackIdentity): CreatedResource;
}

const DEPLOYMENT_BUCKET = 'ServerlessDeploymentBucket';

/** The name the local cloud gives osls's deployment bucket of a stack (S3 names are lower case, ≤ 63). */
export function deploymentBucketName(identity: StackIdentity): string {
  return generatedName(identity, DEPLOYMENT_BUCKET, 63).toLowerCase();
}

function deploymentBucket(_resource: ResolvedResource, identity: StackIdentity): CreatedResource {
  const name = deploymentBucketName(identity);
  const host = `${name}.s3.${identity.region}.amazonaws.com`;
  return {
    ref: name,
    attributes: {
      Arn: `arn:${partitionOf(identity.region)}:s3:::${name}`,
      DomainName: `${name}.s3.amazonaws.com`,
      RegionalDomainName: host,
      DualStackDomainName: `${name}.s3.dualstack.${identity.region}.amazonaws.com`,
      WebsiteURL: `http://${name}.s3-website-${identity.region}.amazonaws.com`,
    },
  };
}

function iamRole(resource: ResolvedResource, identity: StackIdentity): CreatedResource {
  const name = explicitName(resource) ?? generatedName(identity, resource.logicalId);
  const path = typeof resource.properties.Path === 'string' ? resource.properties.Path : '/';
  const id = stableHash('role', name).slice(0, 17).toUpperCase();
  return {
    ref: name,
    attributes: {
      Arn: `arn:${partitionOf(identity.region)}:iam::${identity.accountId}:role${path}${name}`,
      RoleId: `AROA${id}`,
    },
  };
}

function managedPolicy(resource: ResolvedResource, identity: StackIdentity): CreatedResource {
  const name = explicitName(resource) ?? generatedName(identity, resource.logicalId);
  const arn = `arn:${partitionOf(identity.region)}:iam::${identity.accountId}:policy/${name}`;
  return {
    ref: arn,
    attributes: { PolicyArn: arn, PolicyId: `ANPA${stableHash('policy', name).slice(0, 17).toUpperCase()}` },
  };
}

function lambdaVersion(resource: ResolvedResource, identity: StackIdentity): CreatedResource {
  const target = String(resource.properties.FunctionName ?? '');
  const functionArn = target.startsWith('arn:')
    ? target
    : `arn:${partitionOf(identity.region)}:lambda:${identity.region}:${identity.accountId}:function:${target}`;
  return { ref: `${functionArn}:1`, attributes: { Version: '1', FunctionArn: functionArn } };
}

function logGroup(resource: ResolvedResource, identity: StackIdentity): CreatedResource {
  const name = String(
    resource.properties.LogGroupName ?? `/aws/cloudformation/${generatedName(identity, resource.logicalId)}`,
  );
  return {
    ref: name,
    attributes: {
      Arn: `arn:${partitionOf(identity.region)}:logs:${identity.region}:${identity.accountId}:log-group:${name}:*`,
    },
  };
}

const permissions = (reason: string, create = placeholderResource): AcceptedType => ({
  mode: 'permissions',
  reason,
  create,
});

/**
 * Types that have no local meaning and are accepted when no engine provides them. Anything not listed here
 * and not handled by a provider is reported by name as not implemented.
 */
export const ACCEPTED_TYPES: Readonly<Record<string, AcceptedType>> = {
  'AWS::S3::Bucket': {
    mode: 'silent',
    reason: "osls's artifact bucket: the local cloud reads bundles from .serverless/ directly",
    matches: (resource) => resource.logicalId === DEPLOYMENT_BUCKET,
    create: deploymentBucket,
  },
  'AWS::S3::BucketPolicy': {
    mode: 'silent',
    reason: "the policy of osls's artifact bucket, which is not needed locally",
    matches: (resource, identity) => resource.properties.Bucket === deploymentBucketName(identity),
    create: (_resource, identity) => ({ ref: deploymentBucketName(identity), attributes: {} }),
  },
  'AWS::IAM::Role': permissions('IAM role', iamRole),
  'AWS::IAM::Policy': permissions('IAM policy'),
  'AWS::IAM::ManagedPolicy': permissions('IAM managed policy', managedPolicy),
  'AWS::IAM::RolePolicy': permissions('IAM role policy'),
  'AWS::Lambda::Permission': permissions('Lambda resource policy'),
  'AWS::SQS::QueuePolicy': permissions('SQS queue policy'),
  'AWS::SNS::TopicPolicy': permissions('SNS topic policy'),
  'AWS::Logs::ResourcePolicy': permissions('CloudWatch Logs resource policy'),
  'AWS::Events::EventBusPolicy': permissions('EventBridge bus policy'),
  'AWS::Logs::LogGroup': {
    mode: 'silent',
    reason:
      'log groups are created on first write by the local log sink (retention does not matter for a local run)',
    create: logGroup,
  },
  'AWS::Lambda::Version': {
    mode: 'silent',
    reason: "a version runs the code deployed with it, which locally is the function's only code",
    create: lambdaVersion,
  },
  'AWS::WAFv2::LoggingConfiguration': {
    mode: 'report',
    reason: 'WAF request logs are not written locally (the local WAF enforces rate-based rules only)',
    create: placeholderResource,
  },
  'AWS::CloudWatch::Dashboard': {
    mode: 'report',
    reason: 'dashboards are not rendered locally (the metrics they show are still recorded)',
    create: placeholderResource,
  },
};

/** The acceptance rule for a resource no provider takes, if it has one. */
export function acceptedTypeFor(
  resource: ResolvedResource,
  identity: StackIdentity,
): AcceptedType | undefined {
  const accepted = ACCEPTED_TYPES[resource.type];
  return accepted && (accepted.matches?.(resource, identity) ?? true) ? accepted : undefined;
}
