import type { LocalCloud } from '../core/context';
import { reportUnhonoured, resourceReporter } from '../core/report';
import type { CreatedResource, ResolvedResource, ResourceProvider } from '../core/resources';
import { generatedName } from '../deploy/physical';
import { stableHash } from '../deploy/pseudo';
import { num, str, strList } from '../httpApi/properties';
import type {
  BehaviorDef,
  CustomErrorResponse,
  DistributionDef,
  HeadersPolicyDef,
  OriginDef,
  WebAclDef,
} from './model';
import type { EdgeRegistry } from './registry';
import { unenforcedRules } from './waf';

type Props = Record<string, unknown>;

const record = (value: unknown): Props =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Props) : {};
const records = (value: unknown): Props[] => (Array.isArray(value) ? value.map(record) : []);
const text = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
/** A stable id in CloudFront's alphabet (`E2QWRUHAPOMQZL`), the same on every run for the same resource. */
const cloudFrontId = (seed: string, length: number) =>
  [
    ...stableHash('cloudfront', seed)
      .slice(0, length * 2)
      .matchAll(/../g),
  ]
    .map(([pair]) => ALNUM[Number.parseInt(pair, 16) % ALNUM.length])
    .join('');
/** A stable UUID (cache, origin request and response headers policies, web ACL ids). */
const uuidOf = (seed: string) => {
  const hex = stableHash('uuid', seed);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
};

/** Bucket resources of the templates other than osls's deployment bucket, which the deployer accepts itself. */
const isWebBucket = (resource: ResolvedResource) => resource.logicalId !== 'ServerlessDeploymentBucket';

/**
 * Records the CloudFront distributions, functions and policies, the WAFv2 web ACLs and the S3 buckets they
 * serve from while the stacks deploy; the EdgeEngine serves them once everything is deployed.
 */
export class EdgeProvider implements ResourceProvider {
  readonly types = [
    'AWS::CloudFront::Distribution',
    'AWS::CloudFront::Function',
    'AWS::CloudFront::ResponseHeadersPolicy',
    'AWS::CloudFront::CachePolicy',
    'AWS::CloudFront::OriginRequestPolicy',
    'AWS::CloudFront::OriginAccessControl',
    'AWS::WAFv2::WebACL',
    'AWS::S3::Bucket',
    'AWS::S3::BucketPolicy',
  ] as const;

  constructor(
    private readonly registry: EdgeRegistry,
    private readonly webRoot: string,
  ) {}

  accepts(resource: ResolvedResource): boolean {
    if (resource.type === 'AWS::S3::Bucket') return isWebBucket(resource);
    // osls's own bucket and policy (fixed logical ids) are the deployer's: accepted silently.
    if (resource.type === 'AWS::S3::BucketPolicy')
      return resource.logicalId !== 'ServerlessDeploymentBucketPolicy';
    return true;
  }

  async create(resource: ResolvedResource, ctx: LocalCloud): Promise<CreatedResource> {
    const seed = `${resource.stack}/${resource.logicalId}`;
    const report = resourceReporter(ctx, resource);
    switch (resource.type) {
      case 'AWS::CloudFront::Distribution':
        return this.distribution(resource, ctx, seed);
      case 'AWS::CloudFront::Function':
        return this.function(resource, ctx);
      case 'AWS::CloudFront::ResponseHeadersPolicy':
        return this.headersPolicy(resource, ctx, uuidOf(seed));
      case 'AWS::CloudFront::CachePolicy':
        return this.cachePolicy(resource, uuidOf(seed));
      case 'AWS::CloudFront::OriginRequestPolicy':
        return this.originRequestPolicy(resource, uuidOf(seed));
      case 'AWS::CloudFront::OriginAccessControl': {
        const id = cloudFrontId(seed, 14);
        return { ref: id, attributes: { Id: id } };
      }
      case 'AWS::WAFv2::WebACL':
        return this.webAcl(resource, ctx, uuidOf(seed));
      case 'AWS::S3::Bucket':
        report(
          '*',
          `S3 is not emulated: a CloudFront origin on this bucket serves the files of ${this.webRoot}`,
        );
        return this.bucket(resource, ctx);
      default:
        report('*', 'bucket policies are not enforced locally (there is no local S3 API)');
        return { ref: String(resource.properties.Bucket ?? resource.logicalId), attributes: {} };
    }
  }

  private distribution(resource: ResolvedResource, ctx: LocalCloud, seed: string): CreatedResource {
    const config = record(resource.properties.DistributionConfig);
    const id = `E${cloudFrontId(seed, 13)}`;
    const domainName = `d${cloudFrontId(seed, 13).toLowerCase()}.cloudfront.net`;
    const origins = records(config.Origins).map((origin) => this.origin(origin));
    const distribution: DistributionDef = {
      stack: resource.stack,
      logicalId: resource.logicalId,
      id,
      domainName,
      origins,
      defaultBehavior: behaviorOf(record(config.DefaultCacheBehavior)),
      behaviors: records(config.CacheBehaviors).map(behaviorOf),
      defaultRootObject: text(config.DefaultRootObject) || undefined,
      customErrorResponses: records(config.CustomErrorResponses).map(errorResponseOf),
      webAclId: text(config.WebACLId) || undefined,
      aliases: strList(config.Aliases),
      enabled: config.Enabled !== false && config.Enabled !== 'false',
    };
    this.registry.distributions.push(distribution);
    reportDistribution(ctx, resource, config, distribution);
    return { ref: id, attributes: { Id: id, DomainName: domainName } };
  }

  private origin(origin: Props): OriginDef {
    const domainName = String(origin.DomainName ?? '');
    return {
      id: String(origin.Id ?? ''),
      domainName,
      originPath: text(origin.OriginPath) ?? '',
      customHeaders: records(origin.OriginCustomHeaders).map((header) => [
        String(header.HeaderName ?? '').toLowerCase(),
        String(header.HeaderValue ?? ''),
      ]),
      s3:
        origin.S3OriginConfig !== undefined ||
        (origin.OriginAccessControlId !== undefined && origin.CustomOriginConfig === undefined) ||
        /\.s3[.-]([a-z0-9-]+\.)*amazonaws\.com$/.test(domainName) ||
        this.registry.bucketDomains.has(domainName),
    };
  }

  private function(resource: ResolvedResource, ctx: LocalCloud): CreatedResource {
    const name = str(resource, 'Name') ?? resource.logicalId;
    const arn = `arn:aws:cloudfront::${ctx.config.accountId}:function/${name}`;
    const config = record(resource.properties.FunctionConfig);
    const runtime = text(config.Runtime) ?? 'cloudfront-js-1.0';
    this.registry.functions.set(arn, {
      stack: resource.stack,
      logicalId: resource.logicalId,
      name,
      arn,
      runtime,
      code: str(resource, 'FunctionCode') ?? '',
    });
    const report = resourceReporter(ctx, resource);
    if (runtime !== 'cloudfront-js-2.0') {
      report('FunctionConfig.Runtime', `${runtime} runs as cloudfront-js-2.0 (the same event shape)`);
    }
    if (config.KeyValueStoreAssociations !== undefined) {
      report('FunctionConfig.KeyValueStoreAssociations', 'key value stores are not emulated');
    }
    const metadata = { FunctionARN: arn };
    return {
      ref: arn,
      attributes: {
        FunctionARN: arn,
        FunctionMetadata: metadata,
        'FunctionMetadata.FunctionARN': arn,
        Stage: 'LIVE',
      },
    };
  }

  private headersPolicy(resource: ResolvedResource, ctx: LocalCloud, id: string): CreatedResource {
    const config = record(resource.properties.ResponseHeadersPolicyConfig);
    this.registry.headersPolicies.set(id, headersPolicyOf(id, config));
    const report = resourceReporter(ctx, resource);
    if (config.CorsConfig !== undefined) {
      report('ResponseHeadersPolicyConfig.CorsConfig', 'CORS headers are not added by the local edge');
    }
    if (config.ServerTimingHeadersConfig !== undefined) {
      report('ResponseHeadersPolicyConfig.ServerTimingHeadersConfig', 'no Server-Timing header locally');
    }
    return { ref: id, attributes: { Id: id, LastModifiedTime: new Date(0).toISOString() } };
  }

  private cachePolicy(resource: ResolvedResource, id: string): CreatedResource {
    const config = record(resource.properties.CachePolicyConfig);
    const keyed = record(config.ParametersInCacheKeyAndForwardedToOrigin);
    const headers = record(keyed.HeadersConfig);
    this.registry.cachePolicies.set(id, {
      id,
      minTtl: num(config.MinTTL) ?? 0,
      defaultTtl: num(config.DefaultTTL) ?? 86_400,
      maxTtl: num(config.MaxTTL) ?? 31_536_000,
      headers: headers.HeaderBehavior === 'whitelist' ? strList(headers.Headers).map(lower) : [],
    });
    return { ref: id, attributes: { Id: id, LastModifiedTime: new Date(0).toISOString() } };
  }

  private originRequestPolicy(resource: ResolvedResource, id: string): CreatedResource {
    const config = record(resource.properties.OriginRequestPolicyConfig);
    const headers = record(config.HeadersConfig);
    this.registry.originRequestPolicies.set(id, {
      id,
      headerBehavior: text(headers.HeaderBehavior) ?? 'none',
      headers: strList(headers.Headers).map(lower),
    });
    return { ref: id, attributes: { Id: id, LastModifiedTime: new Date(0).toISOString() } };
  }

  private webAcl(resource: ResolvedResource, ctx: LocalCloud, id: string): CreatedResource {
    const name = str(resource, 'Name') ?? generatedName(identityOf(resource, ctx), resource.logicalId, 128);
    const scope = str(resource, 'Scope') ?? 'REGIONAL';
    const { accountId, region } = ctx.config;
    // CLOUDFRONT web ACLs live in us-east-1, whatever region the stack is deployed to.
    const arn =
      scope === 'CLOUDFRONT'
        ? `arn:aws:wafv2:us-east-1:${accountId}:global/webacl/${name}/${id}`
        : `arn:aws:wafv2:${region}:${accountId}:regional/webacl/${name}/${id}`;
    const acl: WebAclDef = {
      stack: resource.stack,
      logicalId: resource.logicalId,
      name,
      id,
      arn,
      scope,
      defaultAction: record(resource.properties.DefaultAction),
      rules: records(resource.properties.Rules),
      customResponseBodies: record(
        resource.properties.CustomResponseBodies,
      ) as WebAclDef['customResponseBodies'],
    };
    this.registry.webAcls.set(arn, acl);
    const report = resourceReporter(ctx, resource);
    for (const rule of unenforcedRules(acl.rules)) report(`Rules[${rule.name}]`, rule.reason);
    if (scope !== 'CLOUDFRONT') {
      report(
        'Scope',
        'REGIONAL web ACLs are enforced only where a distribution names them (no local association)',
      );
    }
    const handled = [
      'Name',
      'Scope',
      'DefaultAction',
      'Rules',
      'CustomResponseBodies',
      'Description',
      'Tags',
    ];
    reportUnhonoured(ctx, resource, [...handled, 'VisibilityConfig'], 'not emulated by the local WAF');
    return {
      ref: `${name}|${id}|${scope}`,
      attributes: { Arn: arn, Id: id, LabelNamespace: `awswaf:${accountId}:webacl:${name}:`, Capacity: 0 },
    };
  }

  private bucket(resource: ResolvedResource, ctx: LocalCloud): CreatedResource {
    const name = (
      str(resource, 'BucketName') ?? generatedName(identityOf(resource, ctx), resource.logicalId, 63)
    ).toLowerCase();
    const { region } = ctx.config;
    const domains = {
      DomainName: `${name}.s3.amazonaws.com`,
      RegionalDomainName: `${name}.s3.${region}.amazonaws.com`,
      DualStackDomainName: `${name}.s3.dualstack.${region}.amazonaws.com`,
    };
    for (const domain of Object.values(domains)) this.registry.bucketDomains.add(domain);
    return {
      ref: name,
      attributes: {
        Arn: `arn:aws:s3:::${name}`,
        ...domains,
        WebsiteURL: `http://${name}.s3-website-${region}.amazonaws.com`,
      },
    };
  }
}

const lower = (name: string) => name.toLowerCase();

const identityOf = (resource: ResolvedResource, ctx: LocalCloud) => ({
  stackName: `spendwise-${resource.stack}-${ctx.config.stage}`,
  region: ctx.config.region,
  accountId: ctx.config.accountId,
});

function behaviorOf(behavior: Props): BehaviorDef {
  const forwarded = record(behavior.ForwardedValues);
  const usesLegacy = behavior.CachePolicyId === undefined && behavior.ForwardedValues !== undefined;
  return {
    ...(text(behavior.PathPattern) !== undefined ? { pathPattern: text(behavior.PathPattern) } : {}),
    targetOriginId: String(behavior.TargetOriginId ?? ''),
    allowedMethods: strList(behavior.AllowedMethods).map((method) => method.toUpperCase()),
    cachePolicyId: text(behavior.CachePolicyId),
    originRequestPolicyId: text(behavior.OriginRequestPolicyId),
    responseHeadersPolicyId: text(behavior.ResponseHeadersPolicyId),
    functionAssociations: records(behavior.FunctionAssociations).map((association) => ({
      eventType: String(association.EventType ?? ''),
      functionArn: String(association.FunctionARN ?? ''),
    })),
    ...(usesLegacy
      ? {
          forwardedHeaders: strList(forwarded.Headers).map(lower),
          legacyTtl: {
            min: num(behavior.MinTTL) ?? 0,
            default: num(behavior.DefaultTTL) ?? 86_400,
            max: num(behavior.MaxTTL) ?? 31_536_000,
          },
        }
      : {}),
  };
}

function errorResponseOf(response: Props): CustomErrorResponse {
  const responseCode = num(response.ResponseCode);
  const page = text(response.ResponsePagePath);
  return {
    errorCode: num(response.ErrorCode) ?? 0,
    ...(responseCode !== undefined ? { responseCode } : {}),
    ...(page ? { responsePagePath: page } : {}),
  };
}

/** The headers a response headers policy sets, from its security and custom header sections. */
export function headersPolicyOf(id: string, config: Props): HeadersPolicyDef {
  const headers: HeadersPolicyDef['headers'] = [];
  const security = record(config.SecurityHeadersConfig);
  const add = (section: unknown, name: string, value: (props: Props) => string | undefined) => {
    if (section === undefined) return;
    const props = record(section);
    const built = value(props);
    if (built !== undefined)
      headers.push({ name, value: built, override: props.Override === true || props.Override === 'true' });
  };
  add(security.ContentSecurityPolicy, 'content-security-policy', (p) => text(p.ContentSecurityPolicy));
  add(security.ContentTypeOptions, 'x-content-type-options', () => 'nosniff');
  add(security.FrameOptions, 'x-frame-options', (p) => text(p.FrameOption));
  add(security.ReferrerPolicy, 'referrer-policy', (p) => text(p.ReferrerPolicy));
  add(security.StrictTransportSecurity, 'strict-transport-security', (p) =>
    [
      `max-age=${num(p.AccessControlMaxAgeSec) ?? 0}`,
      ...(p.IncludeSubdomains === true || p.IncludeSubdomains === 'true' ? ['includeSubDomains'] : []),
      ...(p.Preload === true || p.Preload === 'true' ? ['preload'] : []),
    ].join('; '),
  );
  add(security.XSSProtection, 'x-xss-protection', (p) => {
    if (p.Protection === false || p.Protection === 'false') return '0';
    if (p.ModeBlock === true || p.ModeBlock === 'true') return '1; mode=block';
    return text(p.ReportUri) ? `1; report=${text(p.ReportUri)}` : '1';
  });
  for (const item of records(record(config.CustomHeadersConfig).Items)) {
    headers.push({
      name: String(item.Header ?? '').toLowerCase(),
      value: String(item.Value ?? ''),
      override: item.Override === true || item.Override === 'true',
    });
  }
  const remove = records(record(config.RemoveHeadersConfig).Items).map((item) =>
    String(item.Header ?? '').toLowerCase(),
  );
  return { id, headers, remove };
}

/** Reports the distribution settings the local edge does not honour, by name. */
function reportDistribution(
  ctx: LocalCloud,
  resource: ResolvedResource,
  config: Props,
  distribution: DistributionDef,
): void {
  const report = resourceReporter(ctx, resource);
  if (distribution.aliases.length > 0) {
    report(
      'DistributionConfig.Aliases',
      `${distribution.aliases.join(', ')} not served: the local edge answers on localhost only`,
    );
  }
  const certificate = record(config.ViewerCertificate);
  if (certificate.AcmCertificateArn !== undefined || certificate.IamCertificateId !== undefined) {
    report(
      'DistributionConfig.ViewerCertificate',
      'the certificate is not used: the local edge speaks plain HTTP',
    );
  }
  const ignored: [string, string][] = [
    ['Logging', 'access logs are not written'],
    ['OriginGroups', 'origin failover is not emulated'],
    ['Restrictions', 'geo restrictions are not enforced'],
    ['ContinuousDeploymentPolicyId', 'continuous deployment is not emulated'],
  ];
  for (const [name, reason] of ignored) {
    if (config[name] !== undefined && !(name === 'Restrictions' && noGeoRestriction(config[name]))) {
      report(`DistributionConfig.${name}`, reason);
    }
  }
  for (const behavior of [record(config.DefaultCacheBehavior), ...records(config.CacheBehaviors)]) {
    const where = text(behavior.PathPattern) ?? 'DefaultCacheBehavior';
    if (behavior.LambdaFunctionAssociations !== undefined) {
      report(`${where}.LambdaFunctionAssociations`, 'Lambda@Edge is not run locally');
    }
    if (behavior.TrustedKeyGroups !== undefined || behavior.TrustedSigners !== undefined) {
      report(`${where}.TrustedKeyGroups`, 'signed URLs and cookies are not checked locally');
    }
  }
}

const noGeoRestriction = (value: unknown) => record(record(value).GeoRestriction).RestrictionType === 'none';
