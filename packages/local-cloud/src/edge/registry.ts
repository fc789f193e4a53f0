import type {
  CachePolicyDef,
  DistributionDef,
  FunctionDef,
  HeadersPolicyDef,
  OriginRequestPolicyDef,
  WebAclDef,
} from './model';

/** Everything the edge resources of the templates declared, filled while the stacks deploy. */
export class EdgeRegistry {
  readonly distributions: DistributionDef[] = [];
  readonly functions = new Map<string, FunctionDef>();
  readonly headersPolicies = new Map<string, HeadersPolicyDef>();
  readonly cachePolicies = new Map<string, CachePolicyDef>();
  readonly originRequestPolicies = new Map<string, OriginRequestPolicyDef>();
  /** By ARN. */
  readonly webAcls = new Map<string, WebAclDef>();
  /** Bucket domain names (every form) of the buckets the templates created. */
  readonly bucketDomains = new Set<string>();

  /** A web ACL by what `WebACLId` holds: its ARN (WAFv2), its id, or its `Ref` (`name|id|scope`). */
  webAcl(reference: string): WebAclDef | undefined {
    const byArn = this.webAcls.get(reference);
    if (byArn) return byArn;
    const id = reference.includes('|') ? reference.split('|')[1] : reference;
    return [...this.webAcls.values()].find((acl) => acl.id === id);
  }
}
