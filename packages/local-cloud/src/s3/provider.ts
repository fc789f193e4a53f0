import { iamEvaluated, type LocalCloud } from '../core/context';
import { reportUnhonoured, resourceReporter } from '../core/report';
import type { CreatedResource, ResolvedResource, ResourceProvider } from '../core/resources';
import { generatedName } from '../deploy/physical';
import type { S3Engine } from './engine';
import type { BucketConfig, CorsRule } from './model';

/** Properties with no local effect beyond what is said (nothing is public locally; data is on local disk). */
const NO_LOCAL_EFFECT = [
  'BucketName',
  'Tags',
  'BucketEncryption',
  'PublicAccessBlockConfiguration',
  'OwnershipControls',
  'AccessControl',
];

const record = (value: unknown): Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
const strings = (value: unknown): string[] => list(value).map(String);

/**
 * `AWS::S3::Bucket` and `AWS::S3::BucketPolicy` as local buckets of the S3 engine: versioning, CORS rules,
 * EventBridge notifications and noncurrent-version expiry are honoured; what is not is reported by name. A
 * bucket a CloudFront distribution of its template serves from (the edge's web bucket) is left to the local
 * edge, which serves the built web app in its place; osls's deployment bucket is the deployer's.
 */
export class S3BucketProvider implements ResourceProvider {
  readonly types = ['AWS::S3::Bucket', 'AWS::S3::BucketPolicy'] as const;

  constructor(private readonly engine: S3Engine) {}

  accepts(resource: ResolvedResource): boolean {
    if (resource.type === 'AWS::S3::BucketPolicy')
      return this.engine.has(String(resource.properties.Bucket ?? ''));
    return (
      resource.logicalId !== 'ServerlessDeploymentBucket' &&
      !(resource.referencedBy ?? []).includes('AWS::CloudFront::Distribution')
    );
  }

  async create(resource: ResolvedResource, ctx: LocalCloud): Promise<CreatedResource> {
    return resource.type === 'AWS::S3::BucketPolicy'
      ? this.policy(resource, ctx)
      : this.bucket(resource, ctx);
  }

  private async bucket(resource: ResolvedResource, ctx: LocalCloud): Promise<CreatedResource> {
    const p = resource.properties;
    const report = resourceReporter(ctx, resource);
    const { region, stage, accountId } = ctx.config;
    const name = (
      typeof p.BucketName === 'string'
        ? p.BucketName
        : generatedName(
            { stackName: `spendwise-${resource.stack}-${stage}`, region, accountId },
            resource.logicalId,
            63,
          )
    ).toLowerCase();
    const versioning = record(p.VersioningConfiguration).Status;
    const config: BucketConfig = {
      name,
      ...(versioning === 'Enabled' || versioning === 'Suspended' ? { versioning } : {}),
      cors: list(record(p.CorsConfiguration).CorsRules).map((rule) => corsRule(record(rule))),
      eventBridge:
        record(record(p.NotificationConfiguration).EventBridgeConfiguration).EventBridgeEnabled === true,
      createdAt: new Date().toISOString(),
    };
    const notifications = Object.keys(record(p.NotificationConfiguration)).filter(
      (kind) => kind !== 'EventBridgeConfiguration',
    );
    if (notifications.length > 0)
      report(
        `NotificationConfiguration.${notifications.join(', ')}`,
        'only EventBridge notifications are sent locally (no direct queue, topic or function notifications)',
      );
    const lifecycle = this.lifecycle(record(p.LifecycleConfiguration), report);
    if (lifecycle !== undefined) config.noncurrentDays = lifecycle;
    reportUnhonoured(
      ctx,
      resource,
      [
        ...NO_LOCAL_EFFECT,
        'VersioningConfiguration',
        'CorsConfiguration',
        'NotificationConfiguration',
        'LifecycleConfiguration',
      ],
      'not emulated by the local S3',
    );
    await this.engine.createBucket(config);
    return {
      ref: name,
      attributes: {
        Arn: `arn:aws:s3:::${name}`,
        DomainName: `${name}.s3.amazonaws.com`,
        RegionalDomainName: `${name}.s3.${region}.amazonaws.com`,
        DualStackDomainName: `${name}.s3.dualstack.${region}.amazonaws.com`,
        WebsiteURL: `http://${name}.s3-website-${region}.amazonaws.com`,
      },
    };
  }

  /** Noncurrent-version expiry is run; every other lifecycle action is reported by rule and name. */
  private lifecycle(
    configuration: Record<string, unknown>,
    report: (property: string, reason: string) => void,
  ): number | undefined {
    let noncurrentDays: number | undefined;
    for (const [index, value] of list(configuration.Rules).entries()) {
      const rule = record(value);
      if (rule.Status !== 'Enabled') continue;
      const id = typeof rule.Id === 'string' ? rule.Id : String(index);
      const filtered =
        rule.Prefix !== undefined ||
        rule.TagFilters !== undefined ||
        rule.ObjectSizeGreaterThan !== undefined ||
        rule.ObjectSizeLessThan !== undefined;
      const days = Number(
        record(rule.NoncurrentVersionExpiration).NoncurrentDays ?? rule.NoncurrentVersionExpirationInDays,
      );
      if (Number.isInteger(days) && days > 0 && !filtered)
        noncurrentDays = Math.min(noncurrentDays ?? days, days);
      const skipped = Object.keys(rule).filter(
        (name) =>
          !['Id', 'Status'].includes(name) &&
          !(
            !filtered && ['NoncurrentVersionExpiration', 'NoncurrentVersionExpirationInDays'].includes(name)
          ) &&
          // Multipart uploads are not served locally, so there are none to abort.
          name !== 'AbortIncompleteMultipartUpload',
      );
      if (skipped.length > 0)
        report(
          `LifecycleConfiguration.Rules[${id}].${skipped.join(', ')}`,
          'not run by the local S3 (only unfiltered NoncurrentVersionExpiration is)',
        );
    }
    return noncurrentDays;
  }

  private policy(resource: ResolvedResource, ctx: LocalCloud): CreatedResource {
    const bucket = String(resource.properties.Bucket);
    const statements = list(record(resource.properties.PolicyDocument).Statement).map(record);
    const tlsOnly = statements.some(
      (statement) =>
        statement.Effect === 'Deny' &&
        JSON.stringify(statement.Condition ?? {}).includes('aws:SecureTransport'),
    );
    const report = resourceReporter(ctx, resource);
    if (tlsOnly)
      report(
        'PolicyDocument (aws:SecureTransport deny)',
        'the local S3 is plain HTTP on loopback: the TLS-only deny is not applied, or nothing could reach the bucket',
      );
    if (!iamEvaluated(ctx))
      report(
        'PolicyDocument',
        'IAM is off (--iam off): bucket policies are accepted and every call is allowed',
      );
    return { ref: bucket, attributes: {} };
  }
}

function corsRule(rule: Record<string, unknown>): CorsRule {
  return {
    allowedOrigins: strings(rule.AllowedOrigins),
    allowedMethods: strings(rule.AllowedMethods).map((method) => method.toUpperCase()),
    allowedHeaders: strings(rule.AllowedHeaders),
    exposedHeaders: strings(rule.ExposedHeaders),
    ...(rule.MaxAge !== undefined ? { maxAge: Number(rule.MaxAge) } : {}),
  };
}
