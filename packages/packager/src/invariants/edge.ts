import { asList, isRecord, type Properties, path, refTarget, resources, show } from './cfn';
import { allowsAction, identityStatements } from './policies';
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

/** A Deny to anyone of requests made without TLS (`Bool: { aws:SecureTransport: false }`). */
const deniesPlainHttp = (statement: Record<string, unknown>): boolean => {
  const bool = path(statement, 'Condition', 'Bool');
  const secure = isRecord(bool) ? bool['aws:SecureTransport'] : undefined;
  return (
    statement.Effect === 'Deny' && isAnyone(statement.Principal) && (secure === false || secure === 'false')
  );
};

/** Logical ids of the buckets some bucket policy of the template makes TLS-only. */
const tlsOnlyBuckets = (context: Parameters<Rule>[0]) =>
  new Set(
    resources(context.template, 'AWS::S3::BucketPolicy')
      .filter(([, props]) =>
        asList(path(props, 'PolicyDocument', 'Statement'))
          .filter(isRecord)
          .some(deniesPlainHttp),
      )
      .map(([, props]) => refTarget(props.Bucket)),
  );

/** What a bucket's lifecycle lacks of the two clean-ups every versioned bucket needs. */
const missingLifecycle = (props: Properties): string[] => {
  const rules = asList(path(props, 'LifecycleConfiguration', 'Rules'))
    .filter(isRecord)
    .filter((rule) => rule.Status === 'Enabled');
  return [
    rules.some((rule) => isRecord(rule.NoncurrentVersionExpiration)) ? '' : 'NoncurrentVersionExpiration',
    rules.some((rule) => isRecord(rule.AbortIncompleteMultipartUpload))
      ? ''
      : 'AbortIncompleteMultipartUpload',
  ].filter(Boolean);
};

/**
 * Buckets: public access blocked, explicit encryption, versioning, TLS only, old versions and abandoned uploads
 * cleaned up, CORS never open to any origin; no bucket policy letting anyone in.
 */
export const checkBuckets: Rule = (context) => {
  const found: Violation[] = [];
  const tlsOnly = tlsOnlyBuckets(context);
  for (const [id, props] of resources(context.template, 'AWS::S3::Bucket')) {
    if (id === OSLS_DEPLOYMENT_BUCKET) continue;
    if (!tlsOnly.has(id)) {
      found.push(
        violation(
          context,
          'bucket-tls-only',
          id,
          'no bucket policy denies requests without aws:SecureTransport',
        ),
      );
    }
    const missing = missingLifecycle(props);
    if (missing.length > 0) {
      found.push(
        violation(
          context,
          'bucket-lifecycle',
          id,
          `LifecycleConfiguration lacks an enabled ${missing.join(' and ')}`,
        ),
      );
    }
    const corsRules = asList(path(props, 'CorsConfiguration', 'CorsRules')).filter(isRecord);
    if (corsRules.some((rule) => asList(rule.AllowedOrigins).includes('*'))) {
      found.push(violation(context, 'bucket-cors-origins', id, 'a CORS rule allows origin "*"'));
    }
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

/**
 * Functions that check the origin secret can read it: when a template's functions carry ORIGIN_SECRET_ID (even
 * empty: the check is wired), every function API Gateway invokes has a role some policy grants
 * secretsmanager:GetSecretValue. Catches an HTTP function added without its role in the service's
 * OriginSecretReadPolicy (whose role list is written by hand).
 */
export const checkOriginSecretReaders: Rule = (context) => {
  const { template } = context;
  const functions = resources(template, 'AWS::Lambda::Function');
  const wired = functions.some(
    ([, props]) => path(props, 'Environment', 'Variables', 'ORIGIN_SECRET_ID') !== undefined,
  );
  if (!wired) return [];
  const readers = new Set(
    identityStatements(template)
      .filter((located) => allowsAction(located.statement, 'secretsmanager:GetSecretValue'))
      .flatMap((located) => located.roles),
  );
  const invokedByApis = new Set(
    resources(template, 'AWS::Lambda::Permission')
      .filter(([, props]) => props.Principal === 'apigateway.amazonaws.com')
      .map(([, props]) => refTarget(props.FunctionName)),
  );
  return functions
    .filter(([id]) => invokedByApis.has(id))
    .filter(([, props]) => !readers.has(refTarget(props.Role) ?? ''))
    .map(([id]) =>
      violation(
        context,
        'origin-secret-readers',
        id,
        'is an API function whose role may not read the origin secret',
      ),
    );
};
