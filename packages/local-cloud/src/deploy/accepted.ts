import type { CreatedResource, ResolvedResource } from '../core/resources';
import { explicitName, generatedName, placeholderResource } from './physical';
import { partitionOf, type StackIdentity, stableHash } from './pseudo';

/**
 * How a type accepted without a local engine is told to the person running the local cloud:
 * `silent` (it changes nothing locally), `permissions` (read by the local IAM; with `--iam off`, folded into ONE "IAM is not enforced" report per
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
  // services/backup: AWS Backup does not run locally; `spendwise-local snapshot` is the local rehearsal of a
  // restore (src/snapshots/, docs/runbooks/restore-table.md).
  ...backupTypes(),
  'AWS::CloudWatch::Dashboard': {
    mode: 'report',
    reason: 'dashboards are not rendered locally (the metrics they show are still recorded)',
    create: placeholderResource,
  },
};

function backupTypes(): Record<string, AcceptedType> {
  const reason =
    'AWS Backup does not run locally (no scheduled backups or copies); `spendwise-local snapshot create` copies the tables instead';
  const keyReason = 'KMS keys are not needed locally (nothing is encrypted with them)';
  return {
    'AWS::Backup::BackupVault': { mode: 'report', reason, create: placeholderResource },
    'AWS::Backup::BackupPlan': { mode: 'report', reason, create: withId('') },
    'AWS::Backup::BackupSelection': { mode: 'report', reason, create: withId('') },
    'AWS::KMS::Key': { mode: 'report', reason: keyReason, create: placeholderResource },
    'AWS::KMS::Alias': { mode: 'report', reason: keyReason, create: placeholderResource },
  };
}

const notHonoured = (reason: string, create: AcceptedType['create']): AcceptedType => ({
  mode: 'report',
  reason,
  create,
});

function withId(prefix: string) {
  return (resource: ResolvedResource, identity: StackIdentity): CreatedResource => {
    const id = `${prefix}${stableHash(identity.stackName, resource.logicalId).slice(0, 13).toUpperCase()}`;
    return { ref: id, attributes: { Id: id } };
  };
}

function webBucket(resource: ResolvedResource, identity: StackIdentity): CreatedResource {
  const name = explicitName(resource) ?? generatedName(identity, resource.logicalId, 63).toLowerCase();
  return {
    ref: name,
    attributes: {
      Arn: `arn:${partitionOf(identity.region)}:s3:::${name}`,
      DomainName: `${name}.s3.amazonaws.com`,
      RegionalDomainName: `${name}.s3.${identity.region}.amazonaws.com`,
      DualStackDomainName: `${name}.s3.dualstack.${identity.region}.amazonaws.com`,
      WebsiteURL: `http://${name}.s3-website-${identity.region}.amazonaws.com`,
    },
  };
}

function distribution(resource: ResolvedResource, identity: StackIdentity): CreatedResource {
  const id = `E${stableHash(identity.stackName, resource.logicalId).slice(0, 13).toUpperCase()}`;
  return { ref: id, attributes: { Id: id, DomainName: `${id.toLowerCase()}.cloudfront.net` } };
}

function cloudFrontFunction(resource: ResolvedResource, identity: StackIdentity): CreatedResource {
  const name = String(resource.properties.Name ?? generatedName(identity, resource.logicalId, 64));
  const arn = `arn:${partitionOf(identity.region)}:cloudfront::${identity.accountId}:function/${name}`;
  return { ref: arn, attributes: { FunctionARN: arn, 'FunctionMetadata.FunctionARN': arn, Stage: 'LIVE' } };
}

function webAcl(resource: ResolvedResource, identity: StackIdentity): CreatedResource {
  const name = String(resource.properties.Name ?? generatedName(identity, resource.logicalId, 128));
  const scope = resource.properties.Scope === 'CLOUDFRONT' ? 'global' : 'regional';
  const id = stableHash('webacl', identity.stackName, name).slice(0, 36);
  const arn = `arn:${partitionOf(identity.region)}:wafv2:${identity.region}:${identity.accountId}:${scope}/webacl/${name}/${id}`;
  return {
    ref: `${name}|${id}|${resource.properties.Scope}`,
    attributes: { Arn: arn, Id: id, LabelNamespace: `awswaf:${identity.accountId}:webacl:${name}:` },
  };
}

function certificate(resource: ResolvedResource, identity: StackIdentity): CreatedResource {
  const arn = `arn:${partitionOf(identity.region)}:acm:${identity.region}:${identity.accountId}:certificate/${stableHash(identity.stackName, resource.logicalId).slice(0, 36)}`;
  return { ref: arn, attributes: {} };
}

/**
 * The edge's resources (services/edge) when no provider takes them (the local edge's EdgeProvider does in the
 * local cloud; deployments with other providers, such as tests, fall back to these): accepted with realistic Ref
 * and GetAtt values, and each reported by name at start-up as not honoured.
 */
export const NOT_HONOURED_TYPES: Readonly<Record<string, AcceptedType>> = {
  'AWS::S3::Bucket': notHonoured('no S3 locally: the web app is served from its build folder', webBucket),
  'AWS::S3::BucketPolicy': notHonoured('bucket policies are not enforced locally', placeholderResource),
  'AWS::CloudFront::Distribution': notHonoured(
    'CloudFront itself does not run locally (no edge caches, certificates or geo settings)',
    distribution,
  ),
  'AWS::CloudFront::Function': notHonoured(
    'CloudFront Functions are not run by the deployer',
    cloudFrontFunction,
  ),
  'AWS::CloudFront::OriginAccessControl': notHonoured(
    'there is no S3 origin to sign for locally',
    withId('E'),
  ),
  'AWS::CloudFront::ResponseHeadersPolicy': notHonoured(
    'response headers policies are not applied by the deployer',
    withId(''),
  ),
  'AWS::WAFv2::WebACL': notHonoured(
    'AWS WAF (managed rule groups, IP reputation) does not run locally',
    webAcl,
  ),
  'AWS::WAFv2::LoggingConfiguration': notHonoured('there are no WAF logs locally', placeholderResource),
  'AWS::CertificateManager::Certificate': notHonoured(
    'no certificates locally (plain HTTP on loopback)',
    certificate,
  ),
  'AWS::Route53::RecordSetGroup': notHonoured('no DNS records locally', placeholderResource),
  'AWS::Route53::RecordSet': notHonoured('no DNS records locally', placeholderResource),
};

/** The acceptance rule for a resource no provider takes, if it has one. */
export function acceptedTypeFor(
  resource: ResolvedResource,
  identity: StackIdentity,
): AcceptedType | undefined {
  for (const table of [ACCEPTED_TYPES, NOT_HONOURED_TYPES]) {
    const accepted = table[resource.type];
    if (accepted && (accepted.matches?.(resource, identity) ?? true)) return accepted;
  }
  return undefined;
}
