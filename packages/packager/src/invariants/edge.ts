import { asList, isRecord, type Properties, path, refTarget, resources, show } from './cfn';
import { type Rule, type Violation, violation } from './rules';

/** osls's own artifact bucket: osls defines it (encrypted, TLS-only); the bucket rules are about ours. */
const OSLS_DEPLOYMENT_BUCKET = 'ServerlessDeploymentBucket';

const PUBLIC_ACCESS_BLOCK = [
  'BlockPublicAcls',
  'BlockPublicPolicy',
  'IgnorePublicAcls',
  'RestrictPublicBuckets',
] as const;

const HTTPS_POLICIES = new Set(['redirect-to-https', 'https-only']);

const isTrue = (value: unknown) => value === true || value === 'true';

/** `"*"` or `{ AWS: "*" }`: anyone. */
const isAnyone = (principal: unknown): boolean =>
  principal === '*' || (isRecord(principal) && asList(principal.AWS).includes('*'));

/** Buckets: public access blocked, explicit encryption, versioning; no bucket policy letting anyone in. */
export const checkBuckets: Rule = (context) => {
  const found: Violation[] = [];
  for (const [id, props] of resources(context.template, 'AWS::S3::Bucket')) {
    if (id === OSLS_DEPLOYMENT_BUCKET) continue;
    const open = PUBLIC_ACCESS_BLOCK.filter(
      (key) => !isTrue(path(props, 'PublicAccessBlockConfiguration', key)),
    );
    if (open.length > 0) {
      found.push(
        violation(
          context,
          'bucket-not-public',
          id,
          `PublicAccessBlockConfiguration lacks ${open.join(', ')}: true`,
        ),
      );
    }
    if (asList(path(props, 'BucketEncryption', 'ServerSideEncryptionConfiguration')).length === 0) {
      found.push(violation(context, 'bucket-encryption', id, 'has no BucketEncryption'));
    }
    const versioning = path(props, 'VersioningConfiguration', 'Status');
    if (versioning !== 'Enabled') {
      found.push(
        violation(context, 'bucket-versioning', id, `VersioningConfiguration.Status is ${show(versioning)}`),
      );
    }
  }
  for (const [id, props] of resources(context.template, 'AWS::S3::BucketPolicy')) {
    const statements = asList(path(props, 'PolicyDocument', 'Statement')).filter(isRecord);
    // A public grant is an Allow to anyone without a condition narrowing it (e.g. to a distribution's ARN).
    if (statements.some((s) => s.Effect === 'Allow' && isAnyone(s.Principal) && s.Condition === undefined)) {
      found.push(violation(context, 'bucket-not-public', id, 'allows Principal "*" without a condition'));
    }
  }
  return found;
};

const originsOf = (props: Properties) =>
  asList(path(props, 'DistributionConfig', 'Origins')).filter(isRecord);

/** S3 origins use Origin Access Control (no legacy OAI); viewers only over HTTPS; WAF on every distribution. */
export const checkDistributions: Rule = (context) => {
  const found: Violation[] = [];
  for (const [id, props] of resources(context.template, 'AWS::CloudFront::Distribution')) {
    const config = path(props, 'DistributionConfig');
    if (path(config, 'WebACLId') === undefined) {
      found.push(
        violation(context, 'cloudfront-waf', id, 'has no WebACLId: no AWS WAF web ACL in front of it'),
      );
    }
    for (const origin of originsOf(props)) {
      if (!isRecord(origin.S3OriginConfig)) continue;
      const oai = origin.S3OriginConfig.OriginAccessIdentity;
      if (origin.OriginAccessControlId === undefined || (oai !== undefined && oai !== '')) {
        found.push(
          violation(
            context,
            'cloudfront-oac',
            id,
            `S3 origin ${show(origin.Id)} must use OriginAccessControlId and no OriginAccessIdentity`,
          ),
        );
      }
    }
    const behaviours = [path(config, 'DefaultCacheBehavior'), ...asList(path(config, 'CacheBehaviors'))];
    for (const behaviour of behaviours.filter(isRecord)) {
      if (!HTTPS_POLICIES.has(String(behaviour.ViewerProtocolPolicy))) {
        found.push(
          violation(
            context,
            'cloudfront-https',
            id,
            `behaviour ${show(behaviour.PathPattern ?? 'default')} has ViewerProtocolPolicy ${show(behaviour.ViewerProtocolPolicy)}`,
          ),
        );
      }
    }
  }
  return found;
};

/** Every WAF web ACL has a logging configuration in the template. */
export const checkWafLogging: Rule = (context) => {
  const logged = new Set(
    resources(context.template, 'AWS::WAFv2::LoggingConfiguration').map(([, props]) =>
      refTarget(props.ResourceArn),
    ),
  );
  return resources(context.template, 'AWS::WAFv2::WebACL')
    .filter(([id]) => !logged.has(id))
    .map(([id]) => violation(context, 'waf-logging', id, 'has no AWS::WAFv2::LoggingConfiguration'));
};
