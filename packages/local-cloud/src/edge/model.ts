/** The CloudFront and WAF resources of the deployed templates, as the local edge serves them. */

/** `OriginCustomHeaders` and where an origin is. */
export interface OriginDef {
  id: string;
  domainName: string;
  originPath: string;
  customHeaders: [string, string][];
  /** `S3OriginConfig` or `OriginAccessControlId` is set, or the domain is a bucket's. */
  s3: boolean;
}

export interface FunctionAssociation {
  eventType: string;
  functionArn: string;
}

/** One cache behaviour (`DefaultCacheBehavior` has `pathPattern` undefined). */
export interface BehaviorDef {
  pathPattern?: string;
  targetOriginId: string;
  allowedMethods: string[];
  cachePolicyId?: string;
  originRequestPolicyId?: string;
  responseHeadersPolicyId?: string;
  functionAssociations: FunctionAssociation[];
  /** Legacy `ForwardedValues.Headers` (when no cache policy is used). */
  forwardedHeaders?: string[];
  /** Legacy `MinTTL` / `DefaultTTL` / `MaxTTL` (when no cache policy is used). */
  legacyTtl?: { min: number; default: number; max: number };
}

export interface CustomErrorResponse {
  errorCode: number;
  responseCode?: number;
  responsePagePath?: string;
}

export interface DistributionDef {
  stack: string;
  logicalId: string;
  id: string;
  domainName: string;
  origins: OriginDef[];
  defaultBehavior: BehaviorDef;
  behaviors: BehaviorDef[];
  defaultRootObject?: string;
  customErrorResponses: CustomErrorResponse[];
  webAclId?: string;
  aliases: string[];
  enabled: boolean;
}

export interface FunctionDef {
  stack: string;
  logicalId: string;
  name: string;
  arn: string;
  runtime: string;
  code: string;
}

/** A response headers policy reduced to what it does to a response. */
export interface HeadersPolicyDef {
  id: string;
  /** Headers to set: `override` false keeps the origin's value when it sent one. */
  headers: { name: string; value: string; override: boolean }[];
  remove: string[];
}

export interface CachePolicyDef {
  id: string;
  minTtl: number;
  defaultTtl: number;
  maxTtl: number;
  /** Headers in the cache key, which CloudFront also forwards to the origin. */
  headers: string[];
}

export interface OriginRequestPolicyDef {
  id: string;
  /** `none`, `whitelist`, `allViewer`, `allViewerAndWhitelistCloudFront`, `allExcept`. */
  headerBehavior: string;
  headers: string[];
}

/** A web ACL as the template declares it (statements stay in their CloudFormation shape). */
export interface WebAclDef {
  stack: string;
  logicalId: string;
  name: string;
  id: string;
  arn: string;
  scope: string;
  defaultAction: Record<string, unknown>;
  rules: Record<string, unknown>[];
  customResponseBodies: Record<string, { ContentType?: string; Content?: string }>;
}

/** AWS's managed cache policies. */
export const MANAGED_CACHE_POLICIES: Record<string, CachePolicyDef> = {
  // CachingOptimized
  '658327ea-f89d-4fab-a63d-7e88639e58f6': {
    id: '658327ea-f89d-4fab-a63d-7e88639e58f6',
    minTtl: 1,
    defaultTtl: 86_400,
    maxTtl: 31_536_000,
    headers: [],
  },
  // CachingDisabled
  '4135ea2d-6df8-44a3-9df3-4b5a84be39ad': {
    id: '4135ea2d-6df8-44a3-9df3-4b5a84be39ad',
    minTtl: 0,
    defaultTtl: 0,
    maxTtl: 0,
    headers: [],
  },
  // CachingOptimizedForUncompressedObjects
  'b2884449-e4de-46a7-ac36-70bc7f1ddd6d': {
    id: 'b2884449-e4de-46a7-ac36-70bc7f1ddd6d',
    minTtl: 1,
    defaultTtl: 86_400,
    maxTtl: 31_536_000,
    headers: [],
  },
};

/** AWS's managed origin request policies. */
export const MANAGED_ORIGIN_REQUEST_POLICIES: Record<string, OriginRequestPolicyDef> = {
  // AllViewer
  '216adef6-5c7f-47e4-b989-5492eafa07d3': {
    id: '216adef6-5c7f-47e4-b989-5492eafa07d3',
    headerBehavior: 'allViewer',
    headers: [],
  },
  // AllViewerExceptHostHeader
  'b689b0a8-53d0-40ab-baf2-68738e2966ac': {
    id: 'b689b0a8-53d0-40ab-baf2-68738e2966ac',
    headerBehavior: 'allExcept',
    headers: ['host'],
  },
  // AllViewerAndCloudFrontHeaders-2022-06
  '33f36d7e-f396-46d9-90e0-52428a34d9dc': {
    id: '33f36d7e-f396-46d9-90e0-52428a34d9dc',
    headerBehavior: 'allViewer',
    headers: [],
  },
  // CORS-S3Origin
  '88a5eaf4-2fd4-4709-b370-b4c650ea3fcf': {
    id: '88a5eaf4-2fd4-4709-b370-b4c650ea3fcf',
    headerBehavior: 'whitelist',
    headers: ['origin', 'access-control-request-headers', 'access-control-request-method'],
  },
  // CORS-CustomOrigin
  '59781a5b-3903-41f3-afcb-af62929ccde1': {
    id: '59781a5b-3903-41f3-afcb-af62929ccde1',
    headerBehavior: 'whitelist',
    headers: ['origin'],
  },
  // UserAgentRefererHeaders
  'acba4595-bd28-49b8-b9fe-13317c0390fa': {
    id: 'acba4595-bd28-49b8-b9fe-13317c0390fa',
    headerBehavior: 'whitelist',
    headers: ['user-agent', 'referer'],
  },
};

/** AWS's managed `SecurityHeadersPolicy` (the CORS ones are reported, not applied). */
export const MANAGED_RESPONSE_HEADERS_POLICIES: Record<string, HeadersPolicyDef> = {
  '67f7725c-6f97-4210-82d7-5512b31e9d03': {
    id: '67f7725c-6f97-4210-82d7-5512b31e9d03',
    headers: [
      { name: 'referrer-policy', value: 'strict-origin-when-cross-origin', override: false },
      { name: 'strict-transport-security', value: 'max-age=31536000', override: false },
      { name: 'x-content-type-options', value: 'nosniff', override: true },
      { name: 'x-frame-options', value: 'SAMEORIGIN', override: false },
      { name: 'x-xss-protection', value: '1; mode=block', override: false },
    ],
    remove: [],
  },
};
